import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  cacheFile,
  kubeconfigFile,
  kubeconfigName,
  newFileId
} from "./chunk-FWV3F6D2.js";
import {
  ManifestError,
  dns1123Subdomain,
  isNamespaceName,
  kustomizationFile,
  loadManifests
} from "./chunk-6UIF6QUF.js";
import {
  CredentialsError,
  describeProvider,
  lookUpCluster,
  obtainClusterToken,
  oidcMethods,
  pemSecretLines,
  registry,
  rejectionCauses,
  secretForms
} from "./chunk-XAJR74XC.js";
import {
  Interrupted,
  checkProxyUrl,
  credentialPluginUser,
  durationText,
  eitherSignal,
  interruptionOf,
  proxyFromEnvironment,
  readProxyEnvironment,
  renewalTime,
  writeCache
} from "./chunk-IZGKYUBR.js";
import {
  describeRollback,
  require_agent,
  require_api,
  require_dispatcher,
  require_proxy_agent
} from "./chunk-27KXZPC6.js";
import {
  conditionOf,
  describeRef,
  groupKind,
  groupOf,
  isSecret,
  isStatus,
  versionOf
} from "./chunk-ISHUDBLZ.js";
import {
  require_dist
} from "./chunk-QT5G3K33.js";
import {
  __commonJS,
  __toESM
} from "./chunk-XITDUTR7.js";

// node_modules/fast-json-patch/commonjs/helpers.js
var require_helpers = __commonJS({
  "node_modules/fast-json-patch/commonjs/helpers.js"(exports) {
    var __extends = exports && exports.__extends || /* @__PURE__ */ (function() {
      var extendStatics = function(d, b) {
        extendStatics = Object.setPrototypeOf || { __proto__: [] } instanceof Array && function(d2, b2) {
          d2.__proto__ = b2;
        } || function(d2, b2) {
          for (var p in b2) if (b2.hasOwnProperty(p)) d2[p] = b2[p];
        };
        return extendStatics(d, b);
      };
      return function(d, b) {
        extendStatics(d, b);
        function __() {
          this.constructor = d;
        }
        d.prototype = b === null ? Object.create(b) : (__.prototype = b.prototype, new __());
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: true });
    var _hasOwnProperty = Object.prototype.hasOwnProperty;
    function hasOwnProperty(obj, key) {
      return _hasOwnProperty.call(obj, key);
    }
    exports.hasOwnProperty = hasOwnProperty;
    function _objectKeys(obj) {
      if (Array.isArray(obj)) {
        var keys_1 = new Array(obj.length);
        for (var k = 0; k < keys_1.length; k++) {
          keys_1[k] = "" + k;
        }
        return keys_1;
      }
      if (Object.keys) {
        return Object.keys(obj);
      }
      var keys = [];
      for (var i in obj) {
        if (hasOwnProperty(obj, i)) {
          keys.push(i);
        }
      }
      return keys;
    }
    exports._objectKeys = _objectKeys;
    function _deepClone(obj) {
      switch (typeof obj) {
        case "object":
          return JSON.parse(JSON.stringify(obj));
        //Faster than ES5 clone - http://jsperf.com/deep-cloning-of-objects/5
        case "undefined":
          return null;
        //this is how JSON.stringify behaves for array items
        default:
          return obj;
      }
    }
    exports._deepClone = _deepClone;
    function isInteger(str) {
      var i = 0;
      var len = str.length;
      var charCode;
      while (i < len) {
        charCode = str.charCodeAt(i);
        if (charCode >= 48 && charCode <= 57) {
          i++;
          continue;
        }
        return false;
      }
      return true;
    }
    exports.isInteger = isInteger;
    function escapePathComponent(path) {
      if (path.indexOf("/") === -1 && path.indexOf("~") === -1)
        return path;
      return path.replace(/~/g, "~0").replace(/\//g, "~1");
    }
    exports.escapePathComponent = escapePathComponent;
    function unescapePathComponent(path) {
      return path.replace(/~1/g, "/").replace(/~0/g, "~");
    }
    exports.unescapePathComponent = unescapePathComponent;
    function _getPathRecursive(root, obj) {
      var found;
      for (var key in root) {
        if (hasOwnProperty(root, key)) {
          if (root[key] === obj) {
            return escapePathComponent(key) + "/";
          } else if (typeof root[key] === "object") {
            found = _getPathRecursive(root[key], obj);
            if (found != "") {
              return escapePathComponent(key) + "/" + found;
            }
          }
        }
      }
      return "";
    }
    exports._getPathRecursive = _getPathRecursive;
    function getPath(root, obj) {
      if (root === obj) {
        return "/";
      }
      var path = _getPathRecursive(root, obj);
      if (path === "") {
        throw new Error("Object not found in root");
      }
      return "/" + path;
    }
    exports.getPath = getPath;
    function hasUndefined(obj) {
      if (obj === void 0) {
        return true;
      }
      if (obj) {
        if (Array.isArray(obj)) {
          for (var i_1 = 0, len = obj.length; i_1 < len; i_1++) {
            if (hasUndefined(obj[i_1])) {
              return true;
            }
          }
        } else if (typeof obj === "object") {
          var objKeys = _objectKeys(obj);
          var objKeysLength = objKeys.length;
          for (var i = 0; i < objKeysLength; i++) {
            if (hasUndefined(obj[objKeys[i]])) {
              return true;
            }
          }
        }
      }
      return false;
    }
    exports.hasUndefined = hasUndefined;
    function patchErrorMessageFormatter(message, args) {
      var messageParts = [message];
      for (var key in args) {
        var value = typeof args[key] === "object" ? JSON.stringify(args[key], null, 2) : args[key];
        if (typeof value !== "undefined") {
          messageParts.push(key + ": " + value);
        }
      }
      return messageParts.join("\n");
    }
    var PatchError = (
      /** @class */
      (function(_super) {
        __extends(PatchError2, _super);
        function PatchError2(message, name, index, operation, tree) {
          var _newTarget = this.constructor;
          var _this = _super.call(this, patchErrorMessageFormatter(message, { name, index, operation, tree })) || this;
          _this.name = name;
          _this.index = index;
          _this.operation = operation;
          _this.tree = tree;
          Object.setPrototypeOf(_this, _newTarget.prototype);
          _this.message = patchErrorMessageFormatter(message, { name, index, operation, tree });
          return _this;
        }
        return PatchError2;
      })(Error)
    );
    exports.PatchError = PatchError;
  }
});

// node_modules/fast-json-patch/commonjs/core.js
var require_core = __commonJS({
  "node_modules/fast-json-patch/commonjs/core.js"(exports) {
    Object.defineProperty(exports, "__esModule", { value: true });
    var helpers_js_1 = require_helpers();
    exports.JsonPatchError = helpers_js_1.PatchError;
    exports.deepClone = helpers_js_1._deepClone;
    var objOps = {
      add: function(obj, key, document) {
        obj[key] = this.value;
        return { newDocument: document };
      },
      remove: function(obj, key, document) {
        var removed = obj[key];
        delete obj[key];
        return { newDocument: document, removed };
      },
      replace: function(obj, key, document) {
        var removed = obj[key];
        obj[key] = this.value;
        return { newDocument: document, removed };
      },
      move: function(obj, key, document) {
        var removed = getValueByPointer(document, this.path);
        if (removed) {
          removed = helpers_js_1._deepClone(removed);
        }
        var originalValue = applyOperation(document, { op: "remove", path: this.from }).removed;
        applyOperation(document, { op: "add", path: this.path, value: originalValue });
        return { newDocument: document, removed };
      },
      copy: function(obj, key, document) {
        var valueToCopy = getValueByPointer(document, this.from);
        applyOperation(document, { op: "add", path: this.path, value: helpers_js_1._deepClone(valueToCopy) });
        return { newDocument: document };
      },
      test: function(obj, key, document) {
        return { newDocument: document, test: _areEquals(obj[key], this.value) };
      },
      _get: function(obj, key, document) {
        this.value = obj[key];
        return { newDocument: document };
      }
    };
    var arrOps = {
      add: function(arr, i, document) {
        if (helpers_js_1.isInteger(i)) {
          arr.splice(i, 0, this.value);
        } else {
          arr[i] = this.value;
        }
        return { newDocument: document, index: i };
      },
      remove: function(arr, i, document) {
        var removedList = arr.splice(i, 1);
        return { newDocument: document, removed: removedList[0] };
      },
      replace: function(arr, i, document) {
        var removed = arr[i];
        arr[i] = this.value;
        return { newDocument: document, removed };
      },
      move: objOps.move,
      copy: objOps.copy,
      test: objOps.test,
      _get: objOps._get
    };
    function getValueByPointer(document, pointer) {
      if (pointer == "") {
        return document;
      }
      var getOriginalDestination = { op: "_get", path: pointer };
      applyOperation(document, getOriginalDestination);
      return getOriginalDestination.value;
    }
    exports.getValueByPointer = getValueByPointer;
    function applyOperation(document, operation, validateOperation, mutateDocument, banPrototypeModifications, index) {
      if (validateOperation === void 0) {
        validateOperation = false;
      }
      if (mutateDocument === void 0) {
        mutateDocument = true;
      }
      if (banPrototypeModifications === void 0) {
        banPrototypeModifications = true;
      }
      if (index === void 0) {
        index = 0;
      }
      if (validateOperation) {
        if (typeof validateOperation == "function") {
          validateOperation(operation, 0, document, operation.path);
        } else {
          validator(operation, 0);
        }
      }
      if (operation.path === "") {
        var returnValue = { newDocument: document };
        if (operation.op === "add") {
          returnValue.newDocument = operation.value;
          return returnValue;
        } else if (operation.op === "replace") {
          returnValue.newDocument = operation.value;
          returnValue.removed = document;
          return returnValue;
        } else if (operation.op === "move" || operation.op === "copy") {
          returnValue.newDocument = getValueByPointer(document, operation.from);
          if (operation.op === "move") {
            returnValue.removed = document;
          }
          return returnValue;
        } else if (operation.op === "test") {
          returnValue.test = _areEquals(document, operation.value);
          if (returnValue.test === false) {
            throw new exports.JsonPatchError("Test operation failed", "TEST_OPERATION_FAILED", index, operation, document);
          }
          returnValue.newDocument = document;
          return returnValue;
        } else if (operation.op === "remove") {
          returnValue.removed = document;
          returnValue.newDocument = null;
          return returnValue;
        } else if (operation.op === "_get") {
          operation.value = document;
          return returnValue;
        } else {
          if (validateOperation) {
            throw new exports.JsonPatchError("Operation `op` property is not one of operations defined in RFC-6902", "OPERATION_OP_INVALID", index, operation, document);
          } else {
            return returnValue;
          }
        }
      } else {
        if (!mutateDocument) {
          document = helpers_js_1._deepClone(document);
        }
        var path = operation.path || "";
        var keys = path.split("/");
        var obj = document;
        var t = 1;
        var len = keys.length;
        var existingPathFragment = void 0;
        var key = void 0;
        var validateFunction = void 0;
        if (typeof validateOperation == "function") {
          validateFunction = validateOperation;
        } else {
          validateFunction = validator;
        }
        while (true) {
          key = keys[t];
          if (key && key.indexOf("~") != -1) {
            key = helpers_js_1.unescapePathComponent(key);
          }
          if (banPrototypeModifications && (key == "__proto__" || key == "prototype" && t > 0 && keys[t - 1] == "constructor")) {
            throw new TypeError("JSON-Patch: modifying `__proto__` or `constructor/prototype` prop is banned for security reasons, if this was on purpose, please set `banPrototypeModifications` flag false and pass it to this function. More info in fast-json-patch README");
          }
          if (validateOperation) {
            if (existingPathFragment === void 0) {
              if (obj[key] === void 0) {
                existingPathFragment = keys.slice(0, t).join("/");
              } else if (t == len - 1) {
                existingPathFragment = operation.path;
              }
              if (existingPathFragment !== void 0) {
                validateFunction(operation, 0, document, existingPathFragment);
              }
            }
          }
          t++;
          if (Array.isArray(obj)) {
            if (key === "-") {
              key = obj.length;
            } else {
              if (validateOperation && !helpers_js_1.isInteger(key)) {
                throw new exports.JsonPatchError("Expected an unsigned base-10 integer value, making the new referenced value the array element with the zero-based index", "OPERATION_PATH_ILLEGAL_ARRAY_INDEX", index, operation, document);
              } else if (helpers_js_1.isInteger(key)) {
                key = ~~key;
              }
            }
            if (t >= len) {
              if (validateOperation && operation.op === "add" && key > obj.length) {
                throw new exports.JsonPatchError("The specified index MUST NOT be greater than the number of elements in the array", "OPERATION_VALUE_OUT_OF_BOUNDS", index, operation, document);
              }
              var returnValue = arrOps[operation.op].call(operation, obj, key, document);
              if (returnValue.test === false) {
                throw new exports.JsonPatchError("Test operation failed", "TEST_OPERATION_FAILED", index, operation, document);
              }
              return returnValue;
            }
          } else {
            if (t >= len) {
              var returnValue = objOps[operation.op].call(operation, obj, key, document);
              if (returnValue.test === false) {
                throw new exports.JsonPatchError("Test operation failed", "TEST_OPERATION_FAILED", index, operation, document);
              }
              return returnValue;
            }
          }
          obj = obj[key];
          if (validateOperation && t < len && (!obj || typeof obj !== "object")) {
            throw new exports.JsonPatchError("Cannot perform operation at the desired path", "OPERATION_PATH_UNRESOLVABLE", index, operation, document);
          }
        }
      }
    }
    exports.applyOperation = applyOperation;
    function applyPatch(document, patch3, validateOperation, mutateDocument, banPrototypeModifications) {
      if (mutateDocument === void 0) {
        mutateDocument = true;
      }
      if (banPrototypeModifications === void 0) {
        banPrototypeModifications = true;
      }
      if (validateOperation) {
        if (!Array.isArray(patch3)) {
          throw new exports.JsonPatchError("Patch sequence must be an array", "SEQUENCE_NOT_AN_ARRAY");
        }
      }
      if (!mutateDocument) {
        document = helpers_js_1._deepClone(document);
      }
      var results = new Array(patch3.length);
      for (var i = 0, length_1 = patch3.length; i < length_1; i++) {
        results[i] = applyOperation(document, patch3[i], validateOperation, true, banPrototypeModifications, i);
        document = results[i].newDocument;
      }
      results.newDocument = document;
      return results;
    }
    exports.applyPatch = applyPatch;
    function applyReducer(document, operation, index) {
      var operationResult = applyOperation(document, operation);
      if (operationResult.test === false) {
        throw new exports.JsonPatchError("Test operation failed", "TEST_OPERATION_FAILED", index, operation, document);
      }
      return operationResult.newDocument;
    }
    exports.applyReducer = applyReducer;
    function validator(operation, index, document, existingPathFragment) {
      if (typeof operation !== "object" || operation === null || Array.isArray(operation)) {
        throw new exports.JsonPatchError("Operation is not an object", "OPERATION_NOT_AN_OBJECT", index, operation, document);
      } else if (!objOps[operation.op]) {
        throw new exports.JsonPatchError("Operation `op` property is not one of operations defined in RFC-6902", "OPERATION_OP_INVALID", index, operation, document);
      } else if (typeof operation.path !== "string") {
        throw new exports.JsonPatchError("Operation `path` property is not a string", "OPERATION_PATH_INVALID", index, operation, document);
      } else if (operation.path.indexOf("/") !== 0 && operation.path.length > 0) {
        throw new exports.JsonPatchError('Operation `path` property must start with "/"', "OPERATION_PATH_INVALID", index, operation, document);
      } else if ((operation.op === "move" || operation.op === "copy") && typeof operation.from !== "string") {
        throw new exports.JsonPatchError("Operation `from` property is not present (applicable in `move` and `copy` operations)", "OPERATION_FROM_REQUIRED", index, operation, document);
      } else if ((operation.op === "add" || operation.op === "replace" || operation.op === "test") && operation.value === void 0) {
        throw new exports.JsonPatchError("Operation `value` property is not present (applicable in `add`, `replace` and `test` operations)", "OPERATION_VALUE_REQUIRED", index, operation, document);
      } else if ((operation.op === "add" || operation.op === "replace" || operation.op === "test") && helpers_js_1.hasUndefined(operation.value)) {
        throw new exports.JsonPatchError("Operation `value` property is not present (applicable in `add`, `replace` and `test` operations)", "OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED", index, operation, document);
      } else if (document) {
        if (operation.op == "add") {
          var pathLen = operation.path.split("/").length;
          var existingPathLen = existingPathFragment.split("/").length;
          if (pathLen !== existingPathLen + 1 && pathLen !== existingPathLen) {
            throw new exports.JsonPatchError("Cannot perform an `add` operation at the desired path", "OPERATION_PATH_CANNOT_ADD", index, operation, document);
          }
        } else if (operation.op === "replace" || operation.op === "remove" || operation.op === "_get") {
          if (operation.path !== existingPathFragment) {
            throw new exports.JsonPatchError("Cannot perform the operation at a path that does not exist", "OPERATION_PATH_UNRESOLVABLE", index, operation, document);
          }
        } else if (operation.op === "move" || operation.op === "copy") {
          var existingValue = { op: "_get", path: operation.from, value: void 0 };
          var error = validate([existingValue], document);
          if (error && error.name === "OPERATION_PATH_UNRESOLVABLE") {
            throw new exports.JsonPatchError("Cannot perform the operation from a path that does not exist", "OPERATION_FROM_UNRESOLVABLE", index, operation, document);
          }
        }
      }
    }
    exports.validator = validator;
    function validate(sequence, document, externalValidator) {
      try {
        if (!Array.isArray(sequence)) {
          throw new exports.JsonPatchError("Patch sequence must be an array", "SEQUENCE_NOT_AN_ARRAY");
        }
        if (document) {
          applyPatch(helpers_js_1._deepClone(document), helpers_js_1._deepClone(sequence), externalValidator || true);
        } else {
          externalValidator = externalValidator || validator;
          for (var i = 0; i < sequence.length; i++) {
            externalValidator(sequence[i], i, document, void 0);
          }
        }
      } catch (e) {
        if (e instanceof exports.JsonPatchError) {
          return e;
        } else {
          throw e;
        }
      }
    }
    exports.validate = validate;
    function _areEquals(a, b) {
      if (a === b)
        return true;
      if (a && b && typeof a == "object" && typeof b == "object") {
        var arrA = Array.isArray(a), arrB = Array.isArray(b), i, length, key;
        if (arrA && arrB) {
          length = a.length;
          if (length != b.length)
            return false;
          for (i = length; i-- !== 0; )
            if (!_areEquals(a[i], b[i]))
              return false;
          return true;
        }
        if (arrA != arrB)
          return false;
        var keys = Object.keys(a);
        length = keys.length;
        if (length !== Object.keys(b).length)
          return false;
        for (i = length; i-- !== 0; )
          if (!b.hasOwnProperty(keys[i]))
            return false;
        for (i = length; i-- !== 0; ) {
          key = keys[i];
          if (!_areEquals(a[key], b[key]))
            return false;
        }
        return true;
      }
      return a !== a && b !== b;
    }
    exports._areEquals = _areEquals;
  }
});

// node_modules/fast-json-patch/commonjs/duplex.js
var require_duplex = __commonJS({
  "node_modules/fast-json-patch/commonjs/duplex.js"(exports) {
    Object.defineProperty(exports, "__esModule", { value: true });
    var helpers_js_1 = require_helpers();
    var core_js_1 = require_core();
    var beforeDict = /* @__PURE__ */ new WeakMap();
    var Mirror = (
      /** @class */
      /* @__PURE__ */ (function() {
        function Mirror2(obj) {
          this.observers = /* @__PURE__ */ new Map();
          this.obj = obj;
        }
        return Mirror2;
      })()
    );
    var ObserverInfo = (
      /** @class */
      /* @__PURE__ */ (function() {
        function ObserverInfo2(callback, observer) {
          this.callback = callback;
          this.observer = observer;
        }
        return ObserverInfo2;
      })()
    );
    function getMirror(obj) {
      return beforeDict.get(obj);
    }
    function getObserverFromMirror(mirror, callback) {
      return mirror.observers.get(callback);
    }
    function removeObserverFromMirror(mirror, observer) {
      mirror.observers.delete(observer.callback);
    }
    function unobserve(root, observer) {
      observer.unobserve();
    }
    exports.unobserve = unobserve;
    function observe(obj, callback) {
      var patches = [];
      var observer;
      var mirror = getMirror(obj);
      if (!mirror) {
        mirror = new Mirror(obj);
        beforeDict.set(obj, mirror);
      } else {
        var observerInfo = getObserverFromMirror(mirror, callback);
        observer = observerInfo && observerInfo.observer;
      }
      if (observer) {
        return observer;
      }
      observer = {};
      mirror.value = helpers_js_1._deepClone(obj);
      if (callback) {
        observer.callback = callback;
        observer.next = null;
        var dirtyCheck = function() {
          generate(observer);
        };
        var fastCheck = function() {
          clearTimeout(observer.next);
          observer.next = setTimeout(dirtyCheck);
        };
        if (typeof window !== "undefined") {
          window.addEventListener("mouseup", fastCheck);
          window.addEventListener("keyup", fastCheck);
          window.addEventListener("mousedown", fastCheck);
          window.addEventListener("keydown", fastCheck);
          window.addEventListener("change", fastCheck);
        }
      }
      observer.patches = patches;
      observer.object = obj;
      observer.unobserve = function() {
        generate(observer);
        clearTimeout(observer.next);
        removeObserverFromMirror(mirror, observer);
        if (typeof window !== "undefined") {
          window.removeEventListener("mouseup", fastCheck);
          window.removeEventListener("keyup", fastCheck);
          window.removeEventListener("mousedown", fastCheck);
          window.removeEventListener("keydown", fastCheck);
          window.removeEventListener("change", fastCheck);
        }
      };
      mirror.observers.set(callback, new ObserverInfo(callback, observer));
      return observer;
    }
    exports.observe = observe;
    function generate(observer, invertible) {
      if (invertible === void 0) {
        invertible = false;
      }
      var mirror = beforeDict.get(observer.object);
      _generate(mirror.value, observer.object, observer.patches, "", invertible);
      if (observer.patches.length) {
        core_js_1.applyPatch(mirror.value, observer.patches);
      }
      var temp = observer.patches;
      if (temp.length > 0) {
        observer.patches = [];
        if (observer.callback) {
          observer.callback(temp);
        }
      }
      return temp;
    }
    exports.generate = generate;
    function _generate(mirror, obj, patches, path, invertible) {
      if (obj === mirror) {
        return;
      }
      if (typeof obj.toJSON === "function") {
        obj = obj.toJSON();
      }
      var newKeys = helpers_js_1._objectKeys(obj);
      var oldKeys = helpers_js_1._objectKeys(mirror);
      var changed = false;
      var deleted = false;
      for (var t = oldKeys.length - 1; t >= 0; t--) {
        var key = oldKeys[t];
        var oldVal = mirror[key];
        if (helpers_js_1.hasOwnProperty(obj, key) && !(obj[key] === void 0 && oldVal !== void 0 && Array.isArray(obj) === false)) {
          var newVal = obj[key];
          if (typeof oldVal == "object" && oldVal != null && typeof newVal == "object" && newVal != null && Array.isArray(oldVal) === Array.isArray(newVal)) {
            _generate(oldVal, newVal, patches, path + "/" + helpers_js_1.escapePathComponent(key), invertible);
          } else {
            if (oldVal !== newVal) {
              changed = true;
              if (invertible) {
                patches.push({ op: "test", path: path + "/" + helpers_js_1.escapePathComponent(key), value: helpers_js_1._deepClone(oldVal) });
              }
              patches.push({ op: "replace", path: path + "/" + helpers_js_1.escapePathComponent(key), value: helpers_js_1._deepClone(newVal) });
            }
          }
        } else if (Array.isArray(mirror) === Array.isArray(obj)) {
          if (invertible) {
            patches.push({ op: "test", path: path + "/" + helpers_js_1.escapePathComponent(key), value: helpers_js_1._deepClone(oldVal) });
          }
          patches.push({ op: "remove", path: path + "/" + helpers_js_1.escapePathComponent(key) });
          deleted = true;
        } else {
          if (invertible) {
            patches.push({ op: "test", path, value: mirror });
          }
          patches.push({ op: "replace", path, value: obj });
          changed = true;
        }
      }
      if (!deleted && newKeys.length == oldKeys.length) {
        return;
      }
      for (var t = 0; t < newKeys.length; t++) {
        var key = newKeys[t];
        if (!helpers_js_1.hasOwnProperty(mirror, key) && obj[key] !== void 0) {
          patches.push({ op: "add", path: path + "/" + helpers_js_1.escapePathComponent(key), value: helpers_js_1._deepClone(obj[key]) });
        }
      }
    }
    function compare(tree1, tree2, invertible) {
      if (invertible === void 0) {
        invertible = false;
      }
      var patches = [];
      _generate(tree1, tree2, patches, "", invertible);
      return patches;
    }
    exports.compare = compare;
  }
});

// node_modules/fast-json-patch/index.js
var require_fast_json_patch = __commonJS({
  "node_modules/fast-json-patch/index.js"(exports) {
    var core = require_core();
    Object.assign(exports, core);
    var duplex = require_duplex();
    Object.assign(exports, duplex);
    var helpers = require_helpers();
    exports.JsonPatchError = helpers.PatchError;
    exports.deepClone = helpers._deepClone;
    exports.escapePathComponent = helpers.escapePathComponent;
    exports.unescapePathComponent = helpers.unescapePathComponent;
  }
});

// src/credentials/export/kubeconfig.ts
var import_yaml = __toESM(require_dist(), 1);
import { mkdir, open, writeFile } from "node:fs/promises";
import { basename, dirname } from "node:path";
async function kubeconfigFor(connection, namespace) {
  const { tls } = connection;
  const cluster = {
    server: connection.server,
    ...tls.ca === void 0 ? {} : { "certificate-authority-data": Buffer.from(tls.ca).toString("base64") },
    ...tls.serverName === void 0 ? {} : { "tls-server-name": tls.serverName },
    ...tls.insecureSkipVerify ? { "insecure-skip-tls-verify": true } : {},
    ...connection.proxy === void 0 ? {} : { "proxy-url": connection.proxy },
    ...connection.disableCompression === true ? { "disable-compression": true } : {}
  };
  const impersonate = connection.impersonate;
  const user = {
    ...tls.cert === void 0 || tls.key === void 0 ? {} : {
      "client-certificate-data": Buffer.from(tls.cert).toString("base64"),
      "client-key-data": Buffer.from(tls.key).toString("base64")
    },
    ...await connection.auth.kubeconfigUser(),
    ...impersonate === void 0 ? {} : {
      as: impersonate.user,
      ...impersonate.groups.length === 0 ? {} : { "as-groups": [...impersonate.groups] },
      ...impersonate.uid === void 0 ? {} : { "as-uid": impersonate.uid }
    }
  };
  return (0, import_yaml.stringify)({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "kubeship", cluster }],
    users: [{ name: "kubeship", user }],
    contexts: [
      {
        name: "kubeship",
        context: { cluster: "kubeship", user: "kubeship", ...namespace === void 0 ? {} : { namespace } }
      }
    ],
    "current-context": "kubeship"
  });
}
async function expiryOf(connection) {
  const credential = await connection.auth.current();
  const renewsItself = "exec" in await connection.auth.kubeconfigUser();
  return credential.expiresAt === void 0 || renewsItself ? { renewsItself } : { expiresAt: credential.expiresAt, renewsItself };
}
function transientKubeconfigPath(dir) {
  return kubeconfigFile(dir, newFileId());
}
function fileIdOf(kubeconfigPath) {
  return kubeconfigName.exec(basename(kubeconfigPath))?.[1];
}
async function writeTransientKubeconfig(path, connection, namespace) {
  await mkdir(dirname(path), { recursive: true, mode: 448 });
  let written = await kubeconfigFor(connection, namespace);
  const file = await open(path, "wx", 384);
  try {
    await file.writeFile(written, "utf8");
  } finally {
    await file.close();
  }
  const refresh = async () => {
    const text = await kubeconfigFor(connection, namespace);
    if (text === written) return void 0;
    await writeFile(path, text, "utf8");
    written = text;
    return { path, ...await expiryOf(connection), refresh };
  };
  return { path, ...await expiryOf(connection), refresh };
}

// src/inputs.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
var authMethods = ["auto", "kubeconfig", "in-cluster", ...oidcMethods];
var serviceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount";
var defaults = {
  auth: "auto",
  mode: "apply",
  "field-manager": "kubeship",
  "force-conflicts": "false",
  "field-validation": "Strict",
  prune: "false",
  "prune-destructive": "false",
  wait: "true",
  "fail-fast": "true",
  timeout: "5m",
  // `auto`: in apply mode only; a plan runs on pull requests, whose later steps run the pull request's code
  "export-kubeconfig": "auto",
  "allow-plain-http": "false",
  "rollback-on-failure": "false"
};
var inputDefaults = Object.freeze(
  Object.fromEntries([
    ...Object.entries(defaults),
    ...registry.flatMap((provider) => Object.entries(provider.defaults ?? {}))
  ])
);
var InputError = class extends Error {
  problems;
  constructor(problems) {
    super(
      problems.length === 1 ? problems[0] ?? "" : `${problems.length} input problems:
- ${problems.join("\n- ")}`
    );
    this.name = "InputError";
    this.problems = problems;
  }
};
var omittedMarker = "<omitted>";
var failClosedInputs = [
  "kubeconfig",
  "server",
  "certificate-authority-data",
  "token",
  "client-certificate-data",
  "client-key-data",
  "service-account",
  "as",
  "as-groups",
  "as-uid"
];
function variableName(name) {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
function input(env, name) {
  const value = env[variableName(name)]?.trim();
  return value === void 0 || value === "" || value === omittedMarker ? void 0 : value;
}
function checkFailClosed(env, problems) {
  for (const name of failClosedInputs) {
    if (env[variableName(name)]?.trim() !== "") continue;
    problems.push(
      `${name}: set in the workflow but empty. A secret or variable this run cannot read evaluates to empty (pull requests from forks and Dependabot get no secrets); kubeship does not fall back to other credentials. Make the value available to this event, or leave \`${name}\` out of \`with:\``
    );
  }
}
function withDefault(env, name) {
  return input(env, name) ?? defaults[name];
}
function parseBoolean(name, value, problems) {
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  problems.push(`${name}: "${value}" is not a boolean (use true or false)`);
  return false;
}
var durationUnits = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var timeoutRange = { min: 1e3, max: 6 * 36e5 };
function parseDuration(value) {
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== value) return void 0;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (durationUnits[p[2] ?? ""] ?? 0), 0);
}
function list(value) {
  return (value ?? "").split(/[\n,]/).map((item) => item.trim()).filter((item) => item !== "");
}
function manifestList(value) {
  return (value ?? "").split("\n").flatMap((line) => {
    const items = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === "{") depth++;
      else if (line[i] === "}" && depth > 0) depth--;
      else if (line[i] === "," && depth === 0) {
        items.push(line.slice(start, i));
        start = i + 1;
      }
    }
    return [...items, line.slice(start)];
  }).map((item) => item.trim()).filter((item) => item !== "");
}
function oneOf(name, value, allowed, problems) {
  if (allowed.includes(value)) return value;
  problems.push(`${name}: "${value}" is not one of ${allowed.join(", ")}`);
  return allowed[0];
}
function parseImages(value, problems) {
  return (value ?? "").split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#")).flatMap((line) => {
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(line);
    if (match === null) {
      problems.push(
        `images: "${line}" is not name=new-reference (for example ghcr.io/org/app=ghcr.io/org/app:1.2.3)`
      );
      return [];
    }
    return [{ name: match[1] ?? "", reference: match[2] ?? "" }];
  });
}
function decodeKubeconfig(value, problems) {
  const looksLikeYaml = (text) => {
    try {
      const parsed = (0, import_yaml2.parse)(text);
      return typeof parsed === "object" && parsed !== null;
    } catch {
      return false;
    }
  };
  if (looksLikeYaml(value)) return { text: value, base64: void 0 };
  const compact = value.replace(/\s+/g, "");
  if (/^[A-Za-z0-9+/]+=*$/.test(compact)) {
    const decoded = Buffer.from(compact, "base64").toString("utf8");
    if (looksLikeYaml(decoded)) return { text: decoded, base64: compact };
  }
  problems.push("kubeconfig: the value is neither kubeconfig YAML nor base64 of it");
  return void 0;
}
function decodePem(name, value, problems) {
  if (value === void 0) return void 0;
  if (value.includes("-----BEGIN")) return value.endsWith("\n") ? value : `${value}
`;
  const decoded = Buffer.from(value.replace(/\s+/g, ""), "base64").toString("utf8");
  if (decoded.includes("-----BEGIN")) return decoded;
  problems.push(`${name}: the value is neither PEM nor base64 of PEM`);
  return void 0;
}
function readDirect(env, kubeconfigGiven, auth, problems) {
  const server = input(env, "server");
  const token = input(env, "token");
  const caData = input(env, "certificate-authority-data");
  const certData = input(env, "client-certificate-data");
  const keyData = input(env, "client-key-data");
  const given = [
    ["server", server],
    ["certificate-authority-data", caData],
    ["token", token],
    ["client-certificate-data", certData],
    ["client-key-data", keyData]
  ].flatMap(([name, value]) => value === void 0 ? [] : [name]);
  if (given.length === 0) return void 0;
  if (kubeconfigGiven) {
    problems.push(
      `${given.join(", ")} and kubeconfig contradict each other: give either the kubeconfig or the direct inputs`
    );
  }
  if (auth === "kubeconfig" || auth === "in-cluster")
    problems.push(`${given.join(", ")} cannot be used with auth: ${auth}`);
  if (server === void 0) {
    problems.push(
      `server: required with ${given.join(", ")} (the API server's URL, for example https://cluster.example:6443)`
    );
    return void 0;
  }
  if (!/^https?:\/\/[^/\s]+/.test(server)) problems.push(`server: "${server}" is not an https:// URL`);
  if (certData === void 0 !== (keyData === void 0)) {
    problems.push("client-certificate-data and client-key-data go together: give both, or neither");
  }
  const onlyCluster = token === void 0 && certData === void 0 && keyData === void 0;
  if (onlyCluster && (auth === "auto" || auth === "kubeconfig")) {
    problems.push(
      "server: a token or a client certificate and key are needed with it (token, or client-certificate-data and client-key-data)"
    );
  }
  if (!onlyCluster && isOidcMethod(auth)) {
    problems.push(
      `token, client-certificate-data and client-key-data cannot be used with auth: ${auth}, which signs in with the GitHub ID token; give server and certificate-authority-data only`
    );
  }
  return {
    server: server.replace(/\/+$/, ""),
    certificateAuthority: decodePem("certificate-authority-data", caData, problems),
    token,
    clientCertificate: decodePem("client-certificate-data", certData, problems),
    clientKey: decodePem("client-key-data", keyData, problems),
    secrets: [token, keyData].filter((s) => s !== void 0)
  };
}
function readServiceAccount(value, problems) {
  if (value === void 0) return void 0;
  const [namespace = "", name = "", ...rest] = value.split("/");
  if (rest.length > 0 || !isNamespaceName(namespace) || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) {
    problems.push(
      `service-account: "${value}" is not NAMESPACE/NAME of a service account (for example deploy/kubeship)`
    );
    return void 0;
  }
  return { namespace, name };
}
function readImpersonation(env, problems) {
  const user = input(env, "as");
  const groups = list(input(env, "as-groups"));
  const uid = input(env, "as-uid");
  if (user === void 0) {
    if (groups.length > 0 || uid !== void 0)
      problems.push("as-groups and as-uid need as: name the user to impersonate");
    return void 0;
  }
  return { user, groups, ...uid === void 0 ? {} : { uid } };
}
function isOidcMethod(auth) {
  return oidcMethods.includes(auth);
}
var providerInputs = /* @__PURE__ */ new Map();
for (const provider of registry) {
  for (const name of provider.inputs) providerInputs.set(name, [...providerInputs.get(name) ?? [], provider.method]);
}
function endpoint(env, names, fallback) {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== void 0 && value !== "") return value.replace(/\/+$/, "");
  }
  return fallback;
}
function readOidc(env, auth, clusterGiven, problems) {
  for (const [name, methods] of providerInputs) {
    const value = input(env, name);
    const isDefault = value !== void 0 && value === inputDefaults[name];
    if (value !== void 0 && !isDefault && !methods.includes(auth)) {
      problems.push(`${name} is only used with auth: ${methods.join(", ")} (auth is ${auth})`);
    }
  }
  const provider = registry.find((candidate) => candidate.method === auth);
  if (provider === void 0) return void 0;
  const defaults2 = provider.defaults ?? {};
  return provider.read({
    clusterGiven,
    input: (name) => input(env, name),
    required(name, what) {
      const value = input(env, name);
      if (value === void 0) problems.push(`${name}: required with auth: ${auth} (${what})`);
      return value ?? "";
    },
    oneOf: (name, allowed) => oneOf(name, input(env, name) ?? defaults2[name] ?? "", allowed, problems),
    requireCluster() {
      if (clusterGiven) return;
      problems.push(
        `auth: ${auth} needs the cluster: give server and certificate-authority-data, or a kubeconfig whose context names the cluster`
      );
    },
    variable: (name) => env[name],
    endpoint: (names, fallback) => endpoint(env, names, fallback),
    problem: (message) => problems.push(message)
  });
}
function readIdTokenRequest(env, auth, problems) {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim() ?? "";
  const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN?.trim() ?? "";
  if (url !== "" && token !== "") return { url, token };
  if (isOidcMethod(auth)) {
    problems.push(
      `auth: ${auth} signs in with a GitHub ID token, but the runner offers none (ACTIONS_ID_TOKEN_REQUEST_URL is not set): give the job \`permissions: id-token: write\`; pull requests from forks get no ID token`
    );
  }
  return void 0;
}
function readAuth(env, problems) {
  const value = withDefault(env, "auth");
  const method = authMethods.find((m) => m === value);
  if (method === void 0) problems.push(`auth: "${value}" is not one of ${authMethods.join(", ")}`);
  return method ?? "auto";
}
function readSettings(env) {
  const problems = [];
  checkFailClosed(env, problems);
  const manifests = manifestList(input(env, "manifests"));
  if (manifests.length === 0) problems.push("manifests: required; name files, directories or globs (one per line)");
  const namespace = input(env, "namespace");
  if (namespace !== void 0 && !isNamespaceName(namespace)) {
    problems.push(
      `namespace: "${namespace}" is not a valid namespace name (lower-case letters, digits and '-', at most 63)`
    );
  }
  const kubeconfigInput = input(env, "kubeconfig");
  const kubeconfig = kubeconfigInput === void 0 ? void 0 : decodeKubeconfig(kubeconfigInput, problems);
  const auth = readAuth(env, problems);
  if (kubeconfig !== void 0 && auth === "in-cluster")
    problems.push("kubeconfig cannot be used with auth: in-cluster: give one of them");
  const direct = readDirect(env, kubeconfigInput !== void 0, auth, problems);
  const serviceAccount = readServiceAccount(input(env, "service-account"), problems);
  const impersonate = readImpersonation(env, problems);
  const oidc = readOidc(env, auth, direct !== void 0 || kubeconfig !== void 0, problems);
  const idTokenRequest = readIdTokenRequest(env, auth, problems);
  const exportText = withDefault(env, "export-kubeconfig");
  const allowPlainHttp = parseBoolean("allow-plain-http", withDefault(env, "allow-plain-http"), problems);
  const wait = parseBoolean("wait", withDefault(env, "wait"), problems);
  const failFast = parseBoolean("fail-fast", withDefault(env, "fail-fast"), problems);
  const rollbackOnFailure = parseBoolean("rollback-on-failure", withDefault(env, "rollback-on-failure"), problems);
  const timeoutText = withDefault(env, "timeout");
  const timeoutMs = parseDuration(timeoutText);
  if (timeoutMs === void 0 || timeoutMs <= 0) {
    problems.push(`timeout: "${timeoutText}" is not a duration (use for example 90s, 5m or 1h)`);
  } else if (timeoutMs < timeoutRange.min || timeoutMs > timeoutRange.max) {
    problems.push(`timeout: "${timeoutText}" is outside 1s to 6h, the range a deploy step can use`);
  }
  const mode = oneOf("mode", withDefault(env, "mode"), ["apply", "plan"], problems);
  const exportKubeconfig = exportText === "auto" ? mode === "apply" : parseBoolean("export-kubeconfig", exportText, problems);
  const fieldManager = withDefault(env, "field-manager");
  if (fieldManager.length > 128 || !/^[\x21-\x7e][\x20-\x7e]*$/.test(fieldManager)) {
    problems.push(`field-manager: "${fieldManager}" must be at most 128 printable characters`);
  }
  const forceConflicts = parseBoolean("force-conflicts", withDefault(env, "force-conflicts"), problems);
  const fieldValidation = oneOf(
    "field-validation",
    withDefault(env, "field-validation"),
    ["Strict", "Warn", "Ignore"],
    problems
  );
  const images = parseImages(input(env, "images"), problems);
  const applyset = input(env, "applyset");
  if (applyset !== void 0 && (applyset.length > 253 || !dns1123Subdomain.test(applyset))) {
    problems.push(`applyset: "${applyset}" is not a valid Secret name (lower-case letters, digits, '-' and '.')`);
  }
  const prune3 = parseBoolean("prune", withDefault(env, "prune"), problems);
  const pruneDestructive = parseBoolean("prune-destructive", withDefault(env, "prune-destructive"), problems);
  if (prune3 && applyset === void 0)
    problems.push("prune: needs applyset, the name of the set whose members may be pruned");
  const environmentUrl = input(env, "environment-url");
  if (environmentUrl !== void 0 && !/^https?:\/\/\S+$/.test(environmentUrl))
    problems.push(`environment-url: "${environmentUrl}" is not an http(s) URL`);
  if (problems.length > 0) throw new InputError(problems);
  const home = env.HOME ?? homedir();
  return Object.freeze({
    manifests: Object.freeze(manifests),
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    namespace,
    kubeconfig: kubeconfig?.text,
    kubeconfigBase64: kubeconfig?.base64,
    // as kubectl: empty entries ignored, repeated ones read once
    kubeconfigPaths: Object.freeze([...new Set((env.KUBECONFIG ?? "").split(delimiter).filter((path) => path !== ""))]),
    defaultKubeconfigPath: join(home, ".kube", "config"),
    context: input(env, "context"),
    auth,
    direct,
    serviceAccount,
    impersonate,
    exportKubeconfig,
    allowPlainHttp,
    proxyEnvironment: readProxyEnvironment(env),
    inCluster: {
      host: env.KUBERNETES_SERVICE_HOST,
      port: env.KUBERNETES_SERVICE_PORT,
      serviceAccountDir: env.KUBESHIP_SERVICE_ACCOUNT_DIR ?? serviceAccountDir,
      podNamespace: env.POD_NAMESPACE
    },
    pluginEnvironment: Object.freeze(
      Object.fromEntries(
        Object.entries(env).filter((e) => e[1] !== void 0 && !e[0].startsWith("INPUT_"))
      )
    ),
    mode,
    fieldManager,
    forceConflicts,
    fieldValidation,
    images: Object.freeze(images),
    applyset,
    prune: prune3,
    pruneDestructive,
    environment: input(env, "environment"),
    environmentUrl,
    githubToken: input(env, "github-token"),
    wait,
    failFast,
    rollbackOnFailure,
    timeoutMs: timeoutMs ?? 0,
    runnerTemp: env.RUNNER_TEMP ?? join(home, ".cache", "kubeship", "tmp"),
    idTokenRequest,
    oidc,
    // the runner mounts its work folder at /__w in job containers
    containerJob: (env.RUNNER_TEMP ?? "").startsWith("/__w/")
  });
}

// src/apply/diff.ts
var import_fast_json_patch = __toESM(require_fast_json_patch(), 1);

// src/apply/secret-values.ts
var lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";
var shortest = 3;
function valuesOf(object) {
  const forms = [];
  for (const [field, encoded] of [
    ["data", true],
    ["stringData", false]
  ]) {
    const values = object[field];
    if (typeof values !== "object" || values === null) continue;
    for (const value of Object.values(values)) {
      if (typeof value !== "string" || value.length < shortest) continue;
      const plain = encoded ? Buffer.from(value, "base64").toString("utf8") : value;
      const base64 = encoded ? value : Buffer.from(value).toString("base64");
      forms.push(plain, base64, ...plain.split("\n"));
    }
  }
  return forms;
}
function secretValueForms(object) {
  if (!isSecret(object)) return [];
  const forms = valuesOf(object);
  const lastApplied = object.metadata.annotations?.[lastAppliedAnnotation];
  if (lastApplied !== void 0) {
    forms.push(lastApplied);
    try {
      forms.push(...valuesOf(JSON.parse(lastApplied)));
    } catch {
    }
  }
  return [...new Set(forms.map((form) => form.trim()).filter((form) => form.length >= shortest))];
}

// src/apply/diff.ts
var noisyMetadata = ["managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink"];
function redactSecret(object, other) {
  if (!isSecret(object)) return object;
  const redact = (field) => {
    const values = object[field];
    if (typeof values !== "object" || values === null) return values;
    const theirs = other?.[field] ?? {};
    return Object.fromEntries(
      Object.entries(values).map(([k, v]) => [
        k,
        other !== void 0 && k in theirs && theirs[k] !== v ? "(redacted, changed)" : "(redacted)"
      ])
    );
  };
  const copy = { ...object };
  if (copy.data !== void 0) copy.data = redact("data");
  if (copy.stringData !== void 0) copy.stringData = redact("stringData");
  const annotations = object.metadata.annotations;
  const lastApplied = annotations?.[lastAppliedAnnotation];
  if (annotations !== void 0 && lastApplied !== void 0) {
    const theirs = other?.metadata.annotations?.[lastAppliedAnnotation];
    const marker = other !== void 0 && theirs !== void 0 && theirs !== lastApplied ? "(redacted, changed)" : "(redacted)";
    copy.metadata = { ...object.metadata, annotations: { ...annotations, [lastAppliedAnnotation]: marker } };
  }
  return copy;
}
function comparable(object, other) {
  if (object === void 0) return {};
  const { status: _status, ...rest } = redactSecret(object, other);
  const metadata = { ...rest.metadata };
  for (const key of noisyMetadata) delete metadata[key];
  return { ...rest, metadata };
}
function dotted(pointer) {
  return pointer.split("/").slice(1).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~")).reduce(
    (path, part) => /^\d+$/.test(part) ? `${path}[${part}]` : /^[A-Za-z_][\w-]*$/.test(part) ? `${path}${path === "" ? "" : "."}${part}` : `${path}["${part}"]`,
    ""
  );
}
function valueAt(object, pointer) {
  try {
    return import_fast_json_patch.default.getValueByPointer(object, pointer);
  } catch {
    return void 0;
  }
}
function diffObjects(live, planned) {
  const before = comparable(live);
  const after = comparable(planned, live);
  return import_fast_json_patch.default.compare(before, after).flatMap((op) => {
    if (op.op === "add") return [{ op: "add", path: dotted(op.path), after: op.value }];
    if (op.op === "remove") return [{ op: "remove", path: dotted(op.path), before: valueAt(before, op.path) }];
    if (op.op === "replace")
      return [{ op: "replace", path: dotted(op.path), before: valueAt(before, op.path), after: op.value }];
    return [];
  });
}
function metadataDiff(before, after) {
  const metadataOf = (o) => ({ apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata });
  const lines = diffObjects(metadataOf(before), metadataOf(after));
  const [was, is] = [before.metadata.generation, after.metadata.generation];
  return was === is ? lines : [...lines, { op: "replace", path: "metadata.generation", before: was, after: is }];
}

// src/apply/applyset.ts
import { createHash } from "node:crypto";

// src/kube/errors.ts
var KubeApiError = class extends Error {
  code;
  reason;
  status;
  constructor(code, method, path, status, text) {
    const reason = status?.reason ?? reasonForCode(code);
    super(
      status?.message ?? `${method} ${path} answered HTTP ${code} (${reason})${text.trim() === "" ? "" : `: ${text.trim().slice(0, 300)}`}`
    );
    this.name = "KubeApiError";
    this.code = code;
    this.reason = reason;
    this.status = status;
  }
  /** What to do about it, in a sentence. */
  get hint() {
    switch (this.reason) {
      case "Unauthorized":
        return "the credentials were not accepted: check that the token or client certificate is valid and not expired";
      case "Forbidden":
        return "the identity lacks permission for this: grant it with a Role/ClusterRole binding, or deploy as another identity";
      case "NotFound":
        return "it does not exist on the cluster: check the name, namespace and apiVersion";
      case "Conflict":
        return "another field manager owns these fields: change the manifest to match, remove the fields, or set force-conflicts";
      case "Invalid":
      case "BadRequest":
        return "the server rejected the object as written: fix the manifest";
      case "TooManyRequests":
        return "the API server is overloaded (API priority and fairness): retry later";
      default:
        return this.code >= 500 ? "the API server failed to handle the request: check the cluster's health and retry" : "";
    }
  }
};
function reasonForCode(code) {
  const reasons = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    410: "Expired",
    415: "UnsupportedMediaType",
    422: "Invalid",
    429: "TooManyRequests",
    500: "InternalError",
    503: "ServiceUnavailable",
    504: "Timeout"
  };
  return reasons[code] ?? `HTTP${code}`;
}
var ConnectionError = class extends Error {
  constructor(server, cause, context = {}) {
    const through = context.proxy === void 0 ? "" : ` through the proxy ${redactUrl(context.proxy)}`;
    super(`cannot reach ${server}${through}: ${describeNetworkError(server, cause, context)}`, { cause });
    this.name = "ConnectionError";
  }
};
var ServerAnswerError = class extends Error {
  constructor(server, method, path, problem3) {
    super(`${method} ${server}${path}: ${problem3}`);
    this.name = "ServerAnswerError";
  }
};
function redactUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "REDACTED";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(an invalid URL)";
  }
}
function describeNetworkError(server, cause, context) {
  const code = cause.code ?? cause.cause?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  const trusted = context.caSource ?? "the system's trusted roots (no certificate-authority was given)";
  const name = context.serverName ?? hostOf(server);
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused (is the API server running, and is the address right?)";
    case "ENOTFOUND":
      return "the host name does not resolve";
    case "UND_ERR_HEADERS_TIMEOUT":
      return `it accepted the connection but did not answer (${code}); check the API server's health and any proxy in between`;
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "CERT_SIGNATURE_FAILURE":
      return `TLS verification failed: the server's certificate is not signed by a CA from ${trusted} (${code}); set certificate-authority-data to the cluster's CA`;
    case "CERT_HAS_EXPIRED":
      return `TLS verification failed: the server's certificate has expired (${code})`;
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `TLS verification failed: the server's certificate does not name "${name}" (${code}); connect with a name the certificate holds, or set tls-server-name in the kubeconfig cluster`;
    default:
      return code === void 0 ? message : `${message} (${code})`;
  }
}
function hostOf(server) {
  try {
    return new URL(server).hostname;
  } catch {
    return server;
  }
}

// src/kube/discovery.ts
var aggregatedAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
var RestMapper = class {
  mappings = /* @__PURE__ */ new Map();
  /** `Kind.group` → the mapping in the group's preferred version (the first one added) */
  preferred = /* @__PURE__ */ new Map();
  add(mapping) {
    this.mappings.set(`${mapping.group}/${mapping.version}/${mapping.kind}`, mapping);
    const key = groupKind(mapping.group, mapping.kind);
    if (!this.preferred.has(key)) this.preferred.set(key, mapping);
  }
  find(apiVersion, kind) {
    return this.mappings.get(`${groupOf(apiVersion)}/${versionOf(apiVersion)}/${kind}`);
  }
  /** The kind in the group's preferred version: for kinds known only as `Kind.group` (ApplySet). */
  findGroupKind(group, kind) {
    return this.preferred.get(groupKind(group, kind));
  }
  servesGroup(group) {
    return [...this.preferred.values()].some((m) => m.group === group);
  }
};
async function aggregated(client, mapper, signal) {
  const roots = await Promise.all(
    ["/api", "/apis"].map(
      (path) => client.request("GET", path, { accept: aggregatedAccept, ...signal ? { signal } : {} })
    )
  );
  if (roots.some((root) => !String(root.headers["content-type"] ?? "").includes("as=APIGroupDiscoveryList")))
    return false;
  for (const root of roots) {
    for (const group of root.body.items ?? []) {
      const groupName = group.metadata?.name ?? "";
      for (const version of group.versions ?? []) {
        for (const resource of version.resources ?? []) {
          const kind = resource.responseKind?.kind;
          if (kind === void 0 || kind === "") continue;
          mapper.add({
            group: groupName,
            version: version.version,
            kind,
            resource: resource.resource,
            namespaced: resource.scope === "Namespaced"
          });
        }
      }
    }
  }
  return true;
}
async function perGroup(client, mapper, signal) {
  const options = signal ? { signal } : {};
  const groups = (await client.request("GET", "/apis", options)).body.groups ?? [];
  const groupVersions = [
    { group: "", version: "v1", path: "/api/v1" }
  ];
  for (const group of groups) {
    const ordered = [...group.versions].sort(
      (a, b) => Number(b.version === group.preferredVersion?.version) - Number(a.version === group.preferredVersion?.version)
    );
    for (const v of ordered)
      groupVersions.push({ group: group.name, version: v.version, path: `/apis/${v.groupVersion}` });
  }
  const lists = await Promise.all(
    groupVersions.map(async (gv) => {
      try {
        return { gv, list: (await client.request("GET", gv.path, options)).body };
      } catch (error) {
        if (error instanceof KubeApiError && error.code >= 500) return { gv, list: {} };
        throw error;
      }
    })
  );
  for (const { gv, list: list2 } of lists) {
    for (const resource of list2.resources ?? []) {
      if (resource.name.includes("/")) continue;
      mapper.add({
        group: gv.group,
        version: gv.version,
        kind: resource.kind,
        resource: resource.name,
        namespaced: resource.namespaced
      });
    }
  }
}
async function discover(client, signal) {
  const mapper = new RestMapper();
  if (!await aggregated(client, mapper, signal)) await perGroup(client, mapper, signal);
  return mapper;
}
function resourcePath(mapping, namespace, name) {
  const base = mapping.group === "" ? `/api/${mapping.version}` : `/apis/${mapping.group}/${mapping.version}`;
  const scope = mapping.namespaced && namespace !== void 0 ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  const object = name === void 0 ? "" : `/${encodeURIComponent(name)}`;
  return `${base}${scope}/${mapping.resource}${object}`;
}

// src/apply/applyset.ts
var partOfLabel = "applyset.kubernetes.io/part-of";
var idLabel = "applyset.kubernetes.io/id";
var toolingAnnotation = "applyset.kubernetes.io/tooling";
var groupKindsAnnotation = "applyset.kubernetes.io/contains-group-kinds";
var namespacesAnnotation = "applyset.kubernetes.io/additional-namespaces";
var keepAnnotation = "kubeship.io/prune";
var tooling = "kubeship/v1";
function applySetId(name, namespace, kind = "Secret", group = "") {
  const digest = createHash("sha256").update(`${name}.${namespace}.${kind}.${group}`).digest("base64url");
  return `applyset-${digest}-v1`;
}
function applySetParent(name, namespace) {
  return { name, namespace, id: applySetId(name, namespace) };
}
function splitList(value) {
  return (value ?? "").split(",").map((v) => v.trim()).filter((v) => v !== "");
}
var ApplySetError = class extends Error {
  name = "ApplySetError";
};
function parentPath(parent) {
  return `/api/v1/namespaces/${encodeURIComponent(parent.namespace)}/secrets/${encodeURIComponent(parent.name)}`;
}
async function readMembership(client, parent, signal) {
  const secret = await client.get(parentPath(parent), signal ? { signal } : {});
  if (secret === void 0) return { groupKinds: [], namespaces: [] };
  const where = `ApplySet parent Secret/${parent.namespace}/${parent.name}`;
  const tool = secret.metadata.annotations?.[toolingAnnotation];
  if (tool === void 0) {
    throw new ApplySetError(
      `${where} exists but is not an ApplySet parent (no ${toolingAnnotation} annotation): choose another applyset name`
    );
  }
  if (tool.slice(0, tool.lastIndexOf("/")) !== "kubeship") {
    throw new ApplySetError(
      `${where} is managed by ${tool}, not kubeship: kubeship will not change another tool's set (choose another applyset name)`
    );
  }
  if (secret.metadata.labels?.[idLabel] !== parent.id) {
    throw new ApplySetError(
      `${where} has id ${secret.metadata.labels?.[idLabel] ?? "(none)"}, not ${parent.id} as its name and namespace require: refusing to use it`
    );
  }
  return {
    groupKinds: splitList(secret.metadata.annotations?.[groupKindsAnnotation]),
    namespaces: splitList(secret.metadata.annotations?.[namespacesAnnotation])
  };
}
async function writeMembership(client, parent, membership, fieldManager, signal) {
  const body = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: parent.name,
      namespace: parent.namespace,
      labels: { [idLabel]: parent.id },
      annotations: {
        [toolingAnnotation]: tooling,
        [groupKindsAnnotation]: [...new Set(membership.groupKinds)].sort().join(","),
        [namespacesAnnotation]: [...new Set(membership.namespaces)].filter((ns) => ns !== parent.namespace).sort().join(",")
      }
    }
  };
  await client.request("PATCH", parentPath(parent), {
    ...signal ? { signal } : {},
    contentType: "application/apply-patch+yaml",
    query: { fieldManager: `${fieldManager}-applyset`, force: "true" },
    body: JSON.stringify(body)
  });
}
function membershipOf(objects) {
  return {
    groupKinds: [...new Set(objects.map((o) => groupKind(o.mapping.group, o.mapping.kind)))].sort(),
    namespaces: [...new Set(objects.flatMap((o) => o.ref.namespace === void 0 ? [] : [o.ref.namespace]))].sort()
  };
}
function union(a, b) {
  return {
    groupKinds: [.../* @__PURE__ */ new Set([...a.groupKinds, ...b.groupKinds])].sort(),
    namespaces: [.../* @__PURE__ */ new Set([...a.namespaces, ...b.namespaces])].sort()
  };
}
var destructiveKinds = /* @__PURE__ */ new Set(["Namespace", "CustomResourceDefinition.apiextensions.k8s.io"]);
var memberKey = (group, ref) => `${group}/${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;
async function pruneCandidates(client, mapper, parent, membership, current, destructive, signal) {
  const currentKeys = new Set(current.map((c) => memberKey(c.mapping.group, c.ref)));
  const namespaces = [.../* @__PURE__ */ new Set([parent.namespace, ...membership.namespaces])];
  const lists = membership.groupKinds.flatMap((gk) => {
    const [kind = "", ...groupParts] = gk.split(".");
    const mapping = mapper.findGroupKind(groupParts.join("."), kind);
    if (mapping === void 0) return [];
    return mapping.namespaced ? namespaces.map((ns) => ({ mapping, namespace: ns })) : [{ mapping, namespace: void 0 }];
  });
  const found = await Promise.all(
    lists.map(async ({ mapping, namespace }) => {
      const list2 = await client.list(resourcePath(mapping, namespace), {
        query: { labelSelector: `${partOfLabel}=${parent.id}` },
        ...signal ? { signal } : {}
      });
      return list2.items.map((item) => ({ item, mapping }));
    })
  );
  const candidates = [];
  for (const { item, mapping } of found.flat()) {
    const ref = {
      apiVersion: `${mapping.group === "" ? "" : `${mapping.group}/`}${mapping.version}`,
      kind: mapping.kind,
      name: item.metadata.name ?? "",
      ...mapping.namespaced ? { namespace: item.metadata.namespace ?? "" } : {}
    };
    if (currentKeys.has(memberKey(mapping.group, ref))) continue;
    const candidate = { ref, mapping, path: resourcePath(mapping, ref.namespace, ref.name) };
    if (item.metadata.annotations?.[keepAnnotation] === "false")
      candidate.kept = `kept: it has the annotation ${keepAnnotation}: "false"`;
    else if (!destructive && destructiveKinds.has(groupKind(mapping.group, mapping.kind))) {
      candidate.kept = `kept: pruning a ${mapping.kind} deletes everything in it; set prune-destructive: true to allow it`;
    }
    candidates.push(candidate);
  }
  return candidates.sort((a, b) => describeRef(a.ref).localeCompare(describeRef(b.ref)));
}
async function prune(client, candidate, signal) {
  try {
    await client.request("DELETE", candidate.path, {
      query: { propagationPolicy: "Background" },
      ...signal ? { signal } : {}
    });
  } catch (error) {
    if (!(error instanceof KubeApiError && error.code === 404)) throw error;
  }
}

// src/kube/undici.ts
var import_api = __toESM(require_api(), 1);
var import_dispatcher = __toESM(require_dispatcher(), 1);
var import_agent = __toESM(require_agent(), 1);
var import_proxy_agent = __toESM(require_proxy_agent(), 1);
Object.assign(import_dispatcher.default.prototype, import_api.default);
function request(url, options) {
  const { dispatcher, ...rest } = options;
  const { origin, pathname, search } = new URL(url);
  return dispatcher.request({ ...rest, origin, path: `${pathname}${search}` });
}

// src/kube/trace.ts
var RequestTrace = class {
  records = [];
  /** Records a request as sent; call `answered()` on the record once its answer is read (or it failed). */
  sent(method, path, accept) {
    const record = {
      method,
      path,
      sent: performance.now(),
      answered: void 0,
      accept,
      bytes: void 0
    };
    this.records.push(record);
    return record;
  }
  static answered(record, bytes) {
    record.answered = performance.now();
    record.bytes = bytes;
  }
};
function roundTrips(records) {
  const depths = [];
  for (const [i, record] of records.entries()) {
    let depth = 1;
    for (let j = 0; j < i; j++) {
      const earlier = records[j];
      if (earlier?.answered !== void 0 && earlier.answered <= record.sent)
        depth = Math.max(depth, (depths[j] ?? 0) + 1);
    }
    depths.push(depth);
  }
  return depths;
}
function roundTripsBeforeFirstWrite(records) {
  const depths = roundTrips(records);
  const first = records.findIndex(isWrite);
  return first === -1 ? void 0 : depths[first];
}
function isWrite(record) {
  if (record.method === "GET") return false;
  return !(record.method === "POST" && /\/(selfsubjectreviews|selfsubjectaccessreviews)$/.test(record.path));
}

// src/kube/client.ts
var maxAttempts = 6;
var defaultLimits = {
  bodyBytes: 256 * 1024 * 1024,
  watchLineBytes: 16 * 1024 * 1024,
  headersMs: 9e4
};
var maxRetryAfterMs = 1e4;
var watchStreamsPerConnection = 100;
var KubeClient = class {
  server;
  /** requests sent, retries included: for the debug log and the benchmarks */
  requestCount = 0;
  /** when each request was sent and answered: how many round trips stood one after another */
  trace = new RequestTrace();
  connection;
  /** one dispatcher per client certificate: TLS presents it per connection, not per request */
  dispatchers = /* @__PURE__ */ new Map();
  limits;
  signal;
  constructor(connection, options = {}) {
    this.limits = { ...defaultLimits, ...options.limits };
    this.signal = options.signal;
    this.connection = connection;
    this.server = connection.server.replace(/\/+$/, "");
  }
  async close() {
    await Promise.all([...this.dispatchers.values()].map((d) => d.close()));
    this.dispatchers.clear();
  }
  /** The dispatcher for a credential: the connection's own TLS, or the certificate a provider returned (exec plugins). */
  dispatcher(credential) {
    const { tls, proxy } = this.connection;
    const cert = credential.clientCertificate ?? (tls.cert !== void 0 && tls.key !== void 0 ? { cert: tls.cert, key: tls.key } : void 0);
    const key = cert === void 0 ? "" : cert.cert;
    const existing = this.dispatchers.get(key);
    if (existing !== void 0) return existing;
    const connect = {
      ...tls.ca === void 0 ? {} : { ca: tls.ca },
      ...cert === void 0 ? {} : { cert: cert.cert, key: cert.key },
      ...tls.serverName === void 0 ? {} : { servername: tls.serverName },
      rejectUnauthorized: !tls.insecureSkipVerify
    };
    const allowH2 = (this.connection.impersonate?.groups.length ?? 0) <= 1;
    const pool = {
      allowH2,
      connections: 32,
      h2Options: { maxConcurrentStreams: watchStreamsPerConnection, pingInterval: 3e4 }
    };
    const dispatcher = proxy === void 0 ? new import_agent.default({ connect, ...pool }) : new import_proxy_agent.default({ uri: proxy, requestTls: connect, ...pool });
    this.dispatchers.set(key, dispatcher);
    return dispatcher;
  }
  url(path, query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== void 0) params.set(key, value);
    const search = params.toString();
    return `${this.server}${path}${search === "" ? "" : `?${search}`}`;
  }
  async prepare(options) {
    const headers = {
      accept: options.accept ?? "application/json",
      "user-agent": "kubeship"
    };
    if (options.contentType !== void 0) headers["content-type"] = options.contentType;
    const credential = await this.connection.auth.current();
    if (credential.authorization !== void 0) headers.authorization = credential.authorization;
    const impersonate = this.connection.impersonate;
    if (impersonate !== void 0) {
      headers["impersonate-user"] = impersonate.user;
      if (impersonate.uid !== void 0) headers["impersonate-uid"] = impersonate.uid;
      if (impersonate.groups.length > 0) headers["impersonate-group"] = [...impersonate.groups];
    }
    return { headers, credential, dispatcher: this.dispatcher(credential) };
  }
  /** After a 401: whether the authenticator renewed the credential, so the request is sent once more. */
  async renewed(status, credential, alreadyRenewed) {
    return status === 401 && !alreadyRenewed && await this.connection.auth.renew(credential);
  }
  connectionError(error) {
    const { tls, proxy } = this.connection;
    return new ConnectionError(this.server, error, {
      ...tls.caSource === void 0 ? {} : { caSource: tls.caSource },
      ...tls.serverName === void 0 ? {} : { serverName: tls.serverName },
      ...proxy === void 0 ? {} : { proxy }
    });
  }
  /**
   * One request; non-2xx answers throw KubeApiError. Throttling (429, honouring Retry-After),
   * unavailable servers (502-504, or any 5xx with Retry-After) and refused or torn connections are
   * retried with bounded backoff: every request kubeship sends is safe to repeat (server-side apply
   * is idempotent).
   */
  async request(method, path, options = {}) {
    const signal = eitherSignal(this.signal, options.signal);
    try {
      return await this.attempts(method, path, options, signal);
    } catch (error) {
      if (signal?.aborted !== true || error instanceof Interrupted) throw error;
      throw new Interrupted(
        `waiting for the API server to answer ${method} ${path} at ${this.server}`,
        "check that the API server answers (kubectl get --raw /readyz) and that no proxy holds the request",
        signal.reason
      );
    }
  }
  async attempts(method, path, options, signal) {
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      let response;
      let text;
      this.requestCount++;
      const prepared = await this.prepare(options);
      const record = this.trace.sent(method, path, String(prepared.headers.accept));
      try {
        response = await request(this.url(path, options.query), {
          dispatcher: prepared.dispatcher,
          method,
          headers: prepared.headers,
          body: options.body ?? null,
          signal: signal ?? null,
          headersTimeout: this.limits.headersMs
        });
        const tooLarge = () => this.answerError(method, path, `the answer is larger than ${mib(this.limits.bodyBytes)}`);
        const body = await readLimited(response.body, this.limits.bodyBytes, tooLarge);
        text = body.toString("utf8");
        RequestTrace.answered(record, body.length);
      } catch (error) {
        RequestTrace.answered(record);
        if (signal?.aborted === true || error instanceof ServerAnswerError) throw error;
        if (attempt < maxAttempts && isTransient(error)) {
          await delay(backoff(attempt), signal);
          continue;
        }
        throw this.connectionError(error);
      }
      const status = response.statusCode;
      if (await this.renewed(status, prepared.credential, renewed)) {
        renewed = true;
        continue;
      }
      if (status >= 200 && status < 300)
        return { status, headers: response.headers, body: this.parseJson(text, method, path, response.headers) };
      const retryAfter = Number(response.headers["retry-after"]);
      const hasRetryAfter = Number.isFinite(retryAfter) && retryAfter > 0;
      if (attempt < maxAttempts && (status === 429 || status >= 502 && status <= 504 || status >= 500 && hasRetryAfter)) {
        await delay(hasRetryAfter ? Math.min(retryAfter * 1e3, maxRetryAfterMs) : backoff(attempt), signal);
        continue;
      }
      throw new KubeApiError(status, method, path, parseStatus(text), text);
    }
  }
  answerError(method, path, problem3) {
    return new ServerAnswerError(this.server, method, path, problem3);
  }
  parseJson(text, method, path, headers) {
    if (text === "") return {};
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      const type = String(headers["content-type"] ?? "no content type");
      throw this.answerError(
        method,
        path,
        `the answer is not JSON (${type}): is this the Kubernetes API server, or a login page or proxy in front of it?`
      );
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw this.answerError(method, path, "the answer is JSON but not an object, as no Kubernetes API answer is");
    return parsed;
  }
  /** GET that answers undefined for 404 instead of throwing. */
  async get(path, options = {}) {
    try {
      return (await this.request("GET", path, options)).body;
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return void 0;
      throw error;
    }
  }
  async list(path, options = {}) {
    const { body } = await this.request(
      "GET",
      path,
      options
    );
    return {
      items: body.items ?? [],
      ...body.metadata?.resourceVersion === void 0 ? {} : { resourceVersion: body.metadata.resourceVersion }
    };
  }
  /** A watch stream: events as the server sends them, ending when the server closes the stream. */
  async *watch(path, query, watchSignal) {
    const signal = eitherSignal(this.signal, watchSignal);
    let response;
    for (let renewed = false; ; renewed = true) {
      const prepared = await this.prepare({});
      try {
        response = await request(this.url(path, { ...query, watch: "1" }), {
          dispatcher: prepared.dispatcher,
          method: "GET",
          headers: prepared.headers,
          signal: signal ?? null
        });
      } catch (error) {
        if (signal?.aborted === true) throw error;
        throw this.connectionError(error);
      }
      if (!await this.renewed(response.statusCode, prepared.credential, renewed)) break;
      await response.body.dump();
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const text = await response.body.text();
      throw new KubeApiError(response.statusCode, "GET", path, parseStatus(text), text);
    }
    let pending = [];
    let pendingLength = 0;
    const decoder = new TextDecoder("utf-8");
    const event = (line) => this.parseJson(line, "GET", path, response.headers);
    for await (const chunk of response.body) {
      const text = decoder.decode(chunk, { stream: true });
      let start = 0;
      let newline;
      while ((newline = text.indexOf("\n", start)) !== -1) {
        const line = (pending.join("") + text.slice(start, newline)).trim();
        pending = [];
        pendingLength = 0;
        start = newline + 1;
        if (line !== "") yield event(line);
      }
      pending.push(text.slice(start));
      pendingLength += text.length - start;
      if (pendingLength > this.limits.watchLineBytes) {
        response.body.destroy();
        throw this.answerError("GET", path, `a watch event is longer than ${mib(this.limits.watchLineBytes)}`);
      }
    }
    const rest = pending.join("").trim();
    if (rest !== "") yield event(rest);
  }
};
function mib(bytes) {
  return `${bytes / 1024 / 1024} MiB`;
}
async function readLimited(body, limit, tooLarge) {
  const chunks = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
function parseStatus(text) {
  try {
    const parsed = JSON.parse(text);
    return isStatus(parsed) ? parsed : void 0;
  } catch {
    return void 0;
  }
}
function isTransient(error) {
  const code = error.code;
  const goaway = code === "UND_ERR_INFO" && error instanceof Error && error.message.includes("GOAWAY");
  return goaway || ["ECONNREFUSED", "ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"].includes(code ?? "");
}
function warningsOf(headers) {
  const raw = headers.warning;
  const values = raw === void 0 ? [] : Array.isArray(raw) ? raw : [raw];
  return values.flatMap(
    (value) => [...value.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? "").replace(/\\(.)/g, "$1"))
  );
}
function backoff(attempt) {
  return Math.min(250 * 2 ** (attempt - 1), 4e3);
}
function delay(ms, signal) {
  return new Promise((resolve4, reject) => {
    if (signal?.aborted === true) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve4();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

// src/kube/limit.ts
function limiter(size) {
  let running2 = 0;
  const waiting = [];
  return async (task) => {
    if (running2 >= size) await new Promise((resolve4) => waiting.push(resolve4));
    else running2++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next === void 0) running2--;
      else next();
    }
  };
}

// src/kube/metadata.ts
var metadataOnly = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
function typedAs(object, mapping) {
  const apiVersion = mapping.group === "" ? mapping.version : `${mapping.group}/${mapping.version}`;
  return { ...object, apiVersion, kind: mapping.kind };
}

// src/apply/explain.ts
var recreateAnnotation = "kubeship.io/recreate";
function conflictsOf(error) {
  return (error.status?.details?.causes ?? []).filter((c) => c.reason === "FieldManagerConflict").map((c) => ({ manager: (c.message ?? "").replace(/^conflicts? with /, ""), field: c.field ?? "" }));
}
function isAutoscaler(manager) {
  return /subresource "scale"/.test(manager) || /autoscal|keda|hpa/i.test(manager);
}
function problem(summary, error, fix) {
  return {
    summary,
    cause: { reason: error.reason, message: error.message, ...fix === void 0 || fix === "" ? {} : { fix } }
  };
}
function explainConflict(error) {
  const causes = conflictsOf(error);
  const byManager = /* @__PURE__ */ new Map();
  for (const c of causes) byManager.set(c.manager, [...byManager.get(c.manager) ?? [], c.field]);
  const owners = [...byManager].map(([manager, fields]) => `${manager} owns ${fields.join(", ")}`).join("; ");
  const replicasByAutoscaler = causes.some((c) => c.field === ".spec.replicas" && isAutoscaler(c.manager));
  const fix = replicasByAutoscaler ? "an autoscaler manages spec.replicas: remove replicas from the manifest and let the autoscaler own it" : "set force-conflicts: true to take these fields over, remove them from the manifest, or change the manifest to the live values";
  return problem(`conflicts with another field manager: ${owners || error.message}`, error, fix);
}
function immutableFields(error) {
  if (error.code !== 422) return [];
  const fromCauses = (error.status?.details?.causes ?? []).filter((c) => /immutable/i.test(c.message ?? "")).map((c) => c.field ?? "");
  if (fromCauses.length > 0) return [...new Set(fromCauses.filter((f) => f !== ""))];
  return /field is immutable/i.test(error.message) ? ["(see the message)"] : [];
}
function explainImmutable(fields, error) {
  return problem(
    `cannot be changed in place: ${fields.join(", ")} ${fields.length === 1 ? "is" : "are"} immutable (${error.message})`,
    error,
    `restore the live value, or add the annotation ${recreateAnnotation}: "true" to the object to delete and re-create it`
  );
}
function explainApplyError(error) {
  if (!(error instanceof KubeApiError))
    return { summary: `was not applied: ${error instanceof Error ? error.message : String(error)}` };
  if (error.code === 409 && error.reason === "Conflict") return explainConflict(error);
  const immutable = immutableFields(error);
  if (immutable.length > 0) return explainImmutable(immutable, error);
  const undeclared = /: (\.[\w.[\]="-]+): field not declared in schema/.exec(error.message);
  if (undeclared !== null) {
    return problem(
      `has a field the server's schema does not know: ${undeclared[1] ?? ""}`,
      error,
      "correct the field's name or indentation"
    );
  }
  if (error.code === 400 && /strict decoding error|unknown field|duplicate field/i.test(error.message)) {
    const fields = error.message.replace(/^.*strict decoding error: /, "");
    return problem(
      `has fields the server does not know: ${fields}`,
      error,
      "correct the field names, or set field-validation: Warn"
    );
  }
  return problem(`was not applied: ${error.reason}: ${error.message}`, error, error.hint);
}

// src/apply/live.ts
var isCrdMapping = (m) => m.group === "apiextensions.k8s.io" && m.kind === "CustomResourceDefinition";
function readsMetadataOnly(mapping, dryRun) {
  return !dryRun && isCrdMapping(mapping);
}
async function readLive(client, o, dryRun, signal) {
  const options = signal === void 0 ? {} : { signal };
  if (!readsMetadataOnly(o.mapping, dryRun)) return client.get(o.path, options);
  const found = await client.get(o.path, { ...options, accept: metadataOnly });
  return found === void 0 ? void 0 : typedAs(found, o.mapping);
}
function readsByList(collection, members) {
  const crds = collection.group === "apiextensions.k8s.io" && collection.resource === "customresourcedefinitions";
  return members >= 5 && !crds;
}
var collectionOf = (o) => resourcePath(o.mapping, o.ref.namespace);
function liveReads(client, objects, limit, { signal, dryRun = false } = {}) {
  const options = signal === void 0 ? {} : { signal };
  const members = /* @__PURE__ */ new Map();
  for (const o of objects) members.set(collectionOf(o), (members.get(collectionOf(o)) ?? 0) + 1);
  const lists = /* @__PURE__ */ new Map();
  const gets = /* @__PURE__ */ new Map();
  const list2 = (o) => {
    const collection = collectionOf(o);
    let found = lists.get(collection);
    if (found === void 0) {
      found = limit(async () => {
        const answer = await client.list(collection, options);
        return new Map(answer.items.map((item) => [item.metadata.name ?? "", typedAs(item, o.mapping)]));
      });
      found.catch(() => void 0);
      lists.set(collection, found);
    }
    return found;
  };
  const get = (o) => {
    let found = gets.get(o.path);
    if (found === void 0) {
      found = limit(() => readLive(client, o, dryRun, signal));
      found.catch(() => void 0);
      gets.set(o.path, found);
    }
    return found;
  };
  const before = async (o) => readsByList(o.mapping, members.get(collectionOf(o)) ?? 0) ? (await list2(o)).get(o.ref.name) : get(o);
  return {
    limit,
    before,
    start(started) {
      for (const o of started) before(o).catch(() => void 0);
    }
  };
}

// src/apply/takeover.ts
var takenOverManagers = /* @__PURE__ */ new Set([
  "kubectl-client-side-apply",
  "kubectl-create",
  "kubectl-edit",
  "kubectl",
  "before-first-apply"
]);
function isTakenOver(entry, fieldManager) {
  if (entry.operation !== "Update" || (entry.subresource ?? "") !== "" || entry.manager === fieldManager) return false;
  return takenOverManagers.has(entry.manager ?? "");
}
function unionFields(a, b) {
  const result = { ...a };
  for (const [key, value] of Object.entries(b))
    result[key] = key in result ? unionFields(result[key] ?? {}, value) : value;
  return result;
}
function takeoverManagedFields(live, fieldManager) {
  const entries = live.metadata.managedFields ?? [];
  const taken = entries.filter((e) => isTakenOver(e, fieldManager));
  if (taken.length === 0) return void 0;
  const kept = entries.filter((e) => !isTakenOver(e, fieldManager));
  const fields = taken.reduce((set, e) => unionFields(set, e.fieldsV1 ?? {}), {});
  const own = kept.find((e) => e.manager === fieldManager && e.operation === "Apply" && (e.subresource ?? "") === "");
  if (own !== void 0) {
    own.fieldsV1 = unionFields(own.fieldsV1 ?? {}, fields);
    return kept;
  }
  const newest = [...taken].sort((a, b) => (b.time ?? "").localeCompare(a.time ?? ""))[0];
  return [
    ...kept,
    {
      manager: fieldManager,
      operation: "Apply",
      apiVersion: newest?.apiVersion ?? live.apiVersion,
      time: (/* @__PURE__ */ new Date()).toISOString().replace(/\.\d+Z$/, "Z"),
      fieldsType: "FieldsV1",
      fieldsV1: fields
    }
  ];
}
async function takeOver(client, path, live, fieldManager, signal) {
  const managedFields = takeoverManagedFields(live, fieldManager);
  if (managedFields === void 0) return { outcome: "nothing" };
  const patch3 = [
    { op: "test", path: "/metadata/resourceVersion", value: live.metadata.resourceVersion },
    { op: "replace", path: "/metadata/managedFields", value: managedFields }
  ];
  try {
    const answer = await client.request("PATCH", path, {
      contentType: "application/json-patch+json",
      accept: metadataOnly,
      body: JSON.stringify(patch3),
      ...signal ? { signal } : {}
    });
    return { outcome: "taken", resourceVersion: answer.body.metadata?.resourceVersion };
  } catch (error) {
    const code = error.code;
    if (code === 409 || code === 422) return { outcome: "stale" };
    throw error;
  }
}

// src/apply/apply.ts
var requestsInFlight = 64;
async function patch(client, planned, options, metadata) {
  const response = await client.request("PATCH", planned.path, {
    ...options.signal ? { signal: options.signal } : {},
    ...metadata ? { accept: metadataOnly } : {},
    contentType: "application/apply-patch+yaml",
    query: {
      fieldManager: options.fieldManager,
      fieldValidation: options.fieldValidation,
      force: options.force ? "true" : void 0,
      dryRun: options.dryRun === true ? "All" : void 0
    },
    body: JSON.stringify(planned.object)
  });
  return metadata ? { ...response, body: typedAs(response.body, planned.mapping) } : response;
}
async function deleteAndWait(client, planned, signal) {
  const options = signal ? { signal } : {};
  await client.request("DELETE", planned.path, { ...options, query: { propagationPolicy: "Background" } }).catch((error) => {
    if (!(error instanceof KubeApiError && error.code === 404)) throw error;
  });
  while (await client.get(planned.path, { ...options, accept: metadataOnly }) !== void 0)
    await new Promise((resolve4) => setTimeout(resolve4, 200));
}
async function applyObject(client, planned, options, known) {
  const dryRun = options.dryRun === true;
  const notes = [];
  let before = known === void 0 ? await readLive(client, planned, dryRun, options.signal) : known ?? void 0;
  let version = before?.metadata.resourceVersion;
  if (before !== void 0 && !dryRun) {
    for (let attempt = 0; attempt < 3 && before !== void 0; attempt++) {
      const taken = await takeOver(client, planned.path, before, options.fieldManager, options.signal);
      if (taken.outcome === "taken") {
        notes.push("took over the fields of kubectl's managers");
        version = taken.resourceVersion;
      }
      if (taken.outcome !== "stale") break;
      before = await readLive(client, planned, dryRun, options.signal);
      version = before?.metadata.resourceVersion;
    }
  }
  const metadataBefore = before === void 0 || readsMetadataOnly(planned.mapping, dryRun);
  const metadataAnswer = !dryRun && metadataBefore && options.waitedFor?.(planned) === false;
  let response;
  try {
    response = await patch(client, planned, options, metadataAnswer);
  } catch (error) {
    const wantsRecreate = planned.object.metadata.annotations?.[recreateAnnotation] === "true";
    if (!(error instanceof KubeApiError) || immutableFields(error).length === 0 || !wantsRecreate || dryRun)
      throw error;
    await deleteAndWait(client, planned, options.signal);
    notes.push(`re-created: an immutable field changed and ${recreateAnnotation} is "true"`);
    response = await patch(client, planned, options, metadataAnswer);
  }
  const live = response.body;
  const notWritten = !dryRun && live.metadata.resourceVersion !== void 0 && live.metadata.resourceVersion === version;
  const diff = before === void 0 || response.status === 201 ? void 0 : notWritten ? [] : metadataBefore ? metadataDiff(before, live) : diffObjects(before, live);
  const action = diff === void 0 ? "created" : diff.length === 0 ? "unchanged" : "configured";
  const warnings = warningsOf(response.headers);
  return {
    ref: planned.ref,
    source: planned.source,
    mapping: planned.mapping,
    action,
    live,
    before,
    ...diff === void 0 ? {} : { diff },
    warnings,
    notes
  };
}
async function applyInTurn(client, planned, options, live, limit) {
  try {
    const before = await live.before(planned);
    return { applied: await limit(() => applyObject(client, planned, options, before ?? null)) };
  } catch (error) {
    if (options.signal?.aborted === true) throw error;
    return { failure: { kind: "apply", ref: planned.ref, source: planned.source, ...explainApplyError(error) } };
  }
}
function collect(outcomes) {
  return {
    applied: outcomes.flatMap((o) => "applied" in o ? [o.applied] : []),
    failures: outcomes.flatMap((o) => "failure" in o ? [o.failure] : []),
    unchecked: []
  };
}
async function applyObjects(client, objects, options) {
  const limit = limiter(requestsInFlight);
  const live = liveReads(client, objects, limit, options);
  live.start(objects);
  return collect(await Promise.all(objects.map((o) => applyInTurn(client, o, options, live, limit))));
}
function describeApplied(a) {
  return `${describeRef(a.ref)} ${a.action}${a.notes.length > 0 ? ` (${a.notes.join("; ")})` : ""}`;
}

// src/apply/plan.ts
var infrastructureKinds = /* @__PURE__ */ new Set([
  "PriorityClass.scheduling.k8s.io",
  "StorageClass.storage.k8s.io",
  "ClusterRole.rbac.authorization.k8s.io",
  "ClusterRoleBinding.rbac.authorization.k8s.io",
  "Role.rbac.authorization.k8s.io",
  "RoleBinding.rbac.authorization.k8s.io",
  "ServiceAccount",
  "ConfigMap",
  "Secret",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "LimitRange",
  "ResourceQuota"
]);
var admissionKinds = /* @__PURE__ */ new Set([
  "MutatingWebhookConfiguration.admissionregistration.k8s.io",
  "ValidatingWebhookConfiguration.admissionregistration.k8s.io",
  "ValidatingAdmissionPolicy.admissionregistration.k8s.io",
  "ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io",
  "MutatingAdmissionPolicy.admissionregistration.k8s.io",
  "MutatingAdmissionPolicyBinding.admissionregistration.k8s.io"
]);
var phaseNames = [
  "namespaces and CRDs",
  "cluster and namespace infrastructure",
  "workloads and everything else",
  "admission webhooks"
];
function phaseOf(mapping) {
  const key = groupKind(mapping.group, mapping.kind);
  if (key === "Namespace" || key === "CustomResourceDefinition.apiextensions.k8s.io") return 0;
  if (infrastructureKinds.has(key)) return 1;
  if (admissionKinds.has(key)) return 3;
  return 2;
}
var isCrd = (o) => o.ref.kind === "CustomResourceDefinition" && groupOf(o.ref.apiVersion) === "apiextensions.k8s.io";
var isAdmission = (o) => admissionKinds.has(groupKind(o.mapping.group, o.mapping.kind));
var isApiService = (o) => o.ref.kind === "APIService" && groupOf(o.ref.apiVersion) === "apiregistration.k8s.io";
function crdMappings(objects) {
  return objects.filter(isCrd).flatMap((crd) => {
    const spec = crd.object.spec ?? {};
    if (spec.group === void 0 || spec.names?.kind === void 0 || spec.names.plural === void 0) return [];
    return (spec.versions ?? []).filter((v) => v.served !== false && v.name !== void 0).map((v) => ({
      group: spec.group ?? "",
      version: v.name ?? "",
      kind: spec.names?.kind ?? "",
      resource: spec.names?.plural ?? "",
      namespaced: spec.scope !== "Cluster"
    }));
  });
}
function apiServiceGroups(objects) {
  return objects.filter(isApiService).flatMap((o) => {
    const group = o.object.spec?.group;
    const service = o.object.spec?.service;
    return group !== void 0 && service !== void 0 && service !== null ? [group] : [];
  });
}
var builtInSince = /* @__PURE__ */ new Map([
  // GA in 1.36; 1.35 has only admissionregistration.k8s.io/v1beta1, and off by default
  ["admissionregistration.k8s.io/v1 MutatingAdmissionPolicy", "1.36"],
  ["admissionregistration.k8s.io/v1 MutatingAdmissionPolicyBinding", "1.36"]
]);
function unservedHint(mapper, ref) {
  const group = groupOf(ref.apiVersion);
  const since = builtInSince.get(`${ref.apiVersion} ${ref.kind}`);
  if (since !== void 0)
    return `Kubernetes serves it from ${since} on and this cluster does not: upgrade the cluster, or leave the object out`;
  const elsewhere = mapper.findGroupKind(group, ref.kind);
  if (elsewhere !== void 0)
    return `it serves ${ref.kind} in ${group === "" ? "" : `${group}/`}${elsewhere.version}: change the apiVersion`;
  return mapper.servesGroup(group) ? `the group ${group || "core"} has no kind ${ref.kind} in ${versionOf(ref.apiVersion)}: check the kind's spelling and the apiVersion` : "install its CRD first, or add the CRD to the manifests";
}
function planObject(item, mapping, options, definedInSet) {
  const ref = { ...item.ref };
  const metadata = { ...item.object.metadata };
  if (mapping.namespaced) {
    ref.namespace = ref.namespace ?? options.defaultNamespace;
    metadata.namespace = ref.namespace;
  } else {
    delete ref.namespace;
    delete metadata.namespace;
  }
  if (options.labels !== void 0) metadata.labels = { ...metadata.labels, ...options.labels };
  const object = { ...item.object, metadata };
  return { ...item, ref, object, mapping, path: resourcePath(mapping, ref.namespace, ref.name), definedInSet };
}
function planApply(objects, mapper, options) {
  const problems = [];
  const warnings = [];
  const fromCrds = crdMappings(objects);
  const servedLater = apiServiceGroups(objects);
  const seen = /* @__PURE__ */ new Map();
  const phases = [[], [], [], []];
  const deferred = [];
  for (const item of objects) {
    const group = groupOf(item.ref.apiVersion);
    let mapping = mapper.find(item.ref.apiVersion, item.ref.kind);
    const fromCrd = mapping === void 0 ? fromCrds.find(
      (m) => m.group === group && m.version === versionOf(item.ref.apiVersion) && m.kind === item.ref.kind
    ) : void 0;
    mapping ??= fromCrd;
    if (mapping === void 0 && servedLater.includes(group)) {
      deferred.push(item);
      continue;
    }
    if (mapping === void 0) {
      problems.push({
        source: item.source,
        message: `${describeRef(item.ref)}: the cluster does not serve kind ${item.ref.kind} in ${item.ref.apiVersion} (${unservedHint(mapper, item.ref)})`
      });
      continue;
    }
    const planned = planObject(item, mapping, options, fromCrd !== void 0);
    if (!mapping.namespaced && item.ref.namespace !== void 0) {
      warnings.push({
        source: item.source,
        message: `${describeRef(planned.ref)} is cluster-scoped: its metadata.namespace "${item.ref.namespace}" is ignored`
      });
    }
    const key = `${groupKind(mapping.group, mapping.kind)}/${planned.ref.namespace ?? ""}/${planned.ref.name}`;
    const earlier = seen.get(key);
    if (earlier !== void 0) {
      problems.push({
        source: item.source,
        message: `${describeRef(planned.ref)} is defined twice: here and at ${earlier.source.file}:${earlier.source.line}`
      });
      continue;
    }
    seen.set(key, item);
    phases[phaseOf(mapping)]?.push(planned);
  }
  if (problems.length > 0) throw new ManifestError(problems);
  return {
    phases: phases.map((objects2, i) => ({ name: phaseNames[i] ?? "", objects: objects2 })).filter((p) => p.objects.length > 0),
    deferred,
    warnings
  };
}
function plannedObjects(plan2) {
  return plan2.phases.flatMap((p) => p.objects);
}
function namespacesNeeded(plan2) {
  const inSet = namespacesInSet(plan2);
  const needed = /* @__PURE__ */ new Map();
  for (const o of plannedObjects(plan2)) {
    const ns = o.ref.namespace;
    if (ns !== void 0 && !inSet.has(ns) && !needed.has(ns)) needed.set(ns, o);
  }
  return [...needed].map(([namespace, first]) => ({ namespace, first }));
}
function namespacesInSet(plan2) {
  return new Set(
    plannedObjects(plan2).filter((o) => o.mapping.group === "" && o.mapping.kind === "Namespace").map((o) => o.ref.name)
  );
}

// src/apply/run.ts
function readsAhead(client, plan2, dryRun, signal) {
  const objects = plannedObjects(plan2);
  const live = liveReads(client, objects, limiter(requestsInFlight), { signal, dryRun });
  live.start(objects.filter((o) => !o.definedInSet));
  return live;
}
function notReady(object, message) {
  const summary = `is not ready, so what depends on it cannot be applied: ${message}`;
  return { kind: "dependency", ref: object.ref, source: object.source, summary };
}
function notServed(item, summary) {
  return { kind: "dependency", ref: item.ref, source: item.source, summary };
}
var deferredNote = "will be created (server validation deferred until its Namespace or CRD exists)";
var isNamespace = (o) => o.mapping.group === "" && o.mapping.kind === "Namespace";
function crdsNeeded(objects) {
  const kinds2 = new Set(objects.filter((o) => o.definedInSet).map((o) => groupKind(o.mapping.group, o.mapping.kind)));
  return objects.filter((o) => {
    if (!isCrd(o)) return false;
    const spec = o.object.spec;
    return kinds2.has(groupKind(spec?.group ?? "", spec?.names?.kind ?? ""));
  });
}
async function applyPlan(client, plan2, live, options, hooks) {
  const dryRun = options.dryRun === true;
  const objects = plannedObjects(plan2);
  const { limit } = live;
  const result = { applied: [], failures: [], unchecked: [], mapper: void 0 };
  const turns = /* @__PURE__ */ new Map();
  const turnOf = (o) => {
    let turn = turns.get(o);
    if (turn === void 0) {
      turn = take(o);
      turns.set(o, turn);
    }
    return turn;
  };
  const applied = async (o) => {
    const turn = await turnOf(o);
    return "applied" in turn ? turn.applied : void 0;
  };
  const unchecked = (o) => ({
    unchecked: { ref: o.ref, source: o.source, mapping: o.mapping, object: o.object, note: deferredNote }
  });
  const namespaces = new Map(objects.filter(isNamespace).map((o) => [o.ref.name, o]));
  const namespaceReady = async (name) => {
    const namespace = namespaces.get(name);
    if (namespace === void 0) return true;
    const found = await live.before(namespace).catch(() => void 0);
    if (found !== void 0) return true;
    return !dryRun && await applied(namespace) !== void 0;
  };
  let served;
  const kindsServed = () => served ??= serveKinds();
  const serveKinds = async () => {
    const crds = await Promise.all(crdsNeeded(objects).map(applied));
    const ready2 = crds.filter((c) => c !== void 0);
    if (ready2.length < crds.length) return void 0;
    const notYet = await hooks.waitReady(ready2);
    for (const { object, message } of notYet) result.failures.push(notReady(object, message));
    if (notYet.length > 0) return void 0;
    const pending = objects.filter((o) => o.definedInSet);
    let mapper2 = await hooks.rediscover();
    for (let attempt = 1; attempt < 20 && pending.some((o) => mapper2.find(o.ref.apiVersion, o.ref.kind) === void 0); attempt++) {
      await new Promise((resolve4) => setTimeout(resolve4, 250));
      mapper2 = await hooks.rediscover();
    }
    result.mapper = mapper2;
    for (const later of pending) {
      if (mapper2.find(later.ref.apiVersion, later.ref.kind) === void 0) {
        result.failures.push(
          notServed(
            later,
            `cannot be applied: its CRD is established but the cluster does not serve ${later.ref.apiVersion}`
          )
        );
      }
    }
    return mapper2;
  };
  const rest = objects.filter((o) => !isAdmission(o));
  const take = async (o) => {
    const namespace = o.ref.namespace;
    if (namespace !== void 0 && !await namespaceReady(namespace)) return dryRun ? unchecked(o) : { skipped: true };
    if (o.definedInSet) {
      if (dryRun) return unchecked(o);
      const mapper2 = await kindsServed();
      if (mapper2?.find(o.ref.apiVersion, o.ref.kind) === void 0) return { skipped: true };
    }
    if (isAdmission(o) && !dryRun) {
      const others = await Promise.all(rest.map(turnOf));
      if (others.some((t) => "failure" in t || "skipped" in t) || result.failures.length > 0) return { skipped: true };
    }
    return applyInTurn(client, o, options, live, limit);
  };
  const outcomes = await Promise.all(objects.map(turnOf));
  const done = collect(outcomes.filter((t) => "applied" in t || "failure" in t));
  result.applied.push(...done.applied);
  result.failures.unshift(...done.failures);
  result.unchecked.push(...outcomes.flatMap((t) => "unchecked" in t ? [t.unchecked] : []));
  if (plan2.deferred.length === 0 || result.failures.length > 0) return result;
  if (dryRun) {
    const note = "will be applied after its APIService is available";
    const deferred = plan2.deferred.map((d) => ({
      ...d,
      mapping: { group: groupOf(d.ref.apiVersion), kind: d.ref.kind },
      note
    }));
    result.unchecked.push(...deferred);
    return result;
  }
  const apiServices = result.applied.filter(isApiService);
  for (const { object, message } of await hooks.waitReady(apiServices)) result.failures.push(notReady(object, message));
  if (result.failures.length > 0) return result;
  const mapper = await hooks.rediscover();
  result.mapper = mapper;
  const aggregated2 = [];
  for (const item of plan2.deferred) {
    const mapping = mapper.find(item.ref.apiVersion, item.ref.kind);
    if (mapping === void 0) {
      result.failures.push(
        notServed(
          item,
          `cannot be applied: the APIService is available but does not serve kind ${item.ref.kind} in ${item.ref.apiVersion}`
        )
      );
    } else {
      aggregated2.push(planObject(item, mapping, options, false));
    }
  }
  if (result.failures.length > 0) return result;
  const last = await applyObjects(client, aggregated2, options);
  result.applied.push(...last.applied);
  result.failures.push(...last.failures);
  return result;
}

// src/rollout/revision.ts
var revisionAnnotation = "deployment.kubernetes.io/revision";
var revisionHashLabel = "controller-revision-hash";
function ownerReferences(object) {
  return object.metadata.ownerReferences ?? [];
}
function controllerUid(object) {
  return ownerReferences(object).find((o) => o.controller === true)?.uid;
}
function isOwnedBy(object, uid) {
  return ownerReferences(object).some((o) => o.uid === uid);
}
function inRevision(pod, revision) {
  if (revision.ownerUid === pod.metadata.uid) return true;
  if (controllerUid(pod) !== revision.ownerUid) return false;
  return revision.label === void 0 || pod.metadata.labels?.[revision.label.key] === revision.label.value;
}
function labelSelector(object) {
  const spec = object.spec;
  const matchLabels = spec?.selector?.matchLabels;
  if (matchLabels === void 0) return void 0;
  const text = Object.entries(matchLabels).map(([k, v]) => `${k}=${v}`).join(",");
  return text === "" ? void 0 : text;
}
async function ownedChildren(client, workload3, collection, signal) {
  const namespace = encodeURIComponent(workload3.metadata.namespace ?? "default");
  const selector2 = labelSelector(workload3);
  const list2 = await client.list(`/apis/apps/v1/namespaces/${namespace}/${collection}`, {
    ...selector2 === void 0 ? {} : { query: { labelSelector: selector2 } },
    signal
  });
  return list2.items.filter((child) => isOwnedBy(child, workload3.metadata.uid ?? ""));
}
function revisionNumber(object) {
  const revision = object.revision;
  return Number(object.metadata.annotations?.[revisionAnnotation] ?? revision ?? 0);
}
function newestFirst(children) {
  return [...children].sort((a, b) => revisionNumber(b) - revisionNumber(a));
}
function revisionHash(uid, hash) {
  if (hash === void 0 || uid === void 0) return void 0;
  return { ownerUid: uid, label: { key: revisionHashLabel, value: hash } };
}
function observed(workload3) {
  const status = workload3.status ?? {};
  return (status.observedGeneration ?? 0) >= (workload3.metadata.generation ?? 0);
}
function updateRevision(workload3) {
  return workload3.status?.updateRevision;
}
var deploymentRevision = {
  revisionKey: (workload3) => observed(workload3) ? workload3.metadata.annotations?.[revisionAnnotation] : void 0,
  revisionPods: async (client, workload3, signal) => {
    const revision = workload3.metadata.annotations?.[revisionAnnotation];
    if (revision === void 0) return void 0;
    const replicaSets = await ownedChildren(client, workload3, "replicasets", signal);
    const current = replicaSets.find((rs) => rs.metadata.annotations?.[revisionAnnotation] === revision);
    return current?.metadata.uid === void 0 ? void 0 : { ownerUid: current.metadata.uid };
  }
};
var statefulSetRevision = {
  revisionKey: (workload3) => observed(workload3) ? updateRevision(workload3) : void 0,
  revisionPods: (_client, workload3) => Promise.resolve(revisionHash(workload3.metadata.uid, updateRevision(workload3)))
};
var daemonSetRevision = {
  revisionKey: (workload3) => observed(workload3) ? String(workload3.metadata.generation ?? 0) : void 0,
  revisionPods: async (client, workload3, signal) => {
    if (workload3.metadata.uid === void 0) return void 0;
    const [newest] = newestFirst(await ownedChildren(client, workload3, "controllerrevisions", signal));
    return revisionHash(workload3.metadata.uid, newest?.metadata.labels?.[revisionHashLabel]);
  }
};
var ownRevision = {
  revisionKey: (workload3) => workload3.metadata.uid,
  revisionPods: (_client, workload3) => {
    const uid = workload3.metadata.uid;
    return Promise.resolve(uid === void 0 ? void 0 : { ownerUid: uid });
  }
};

// src/rollout/rules.ts
var waitForAnnotation = "kubeship.io/wait-for";
var waitAnnotation = "kubeship.io/wait";
var inProgress = (message) => ({ state: "in-progress", message });
var ready = (message) => ({ state: "ready", message });
function workload(object) {
  return { spec: object.spec ?? {}, status: object.status ?? {} };
}
function generationPending(object, observedGeneration) {
  const generation = object.metadata.generation ?? 0;
  if (generation > (observedGeneration ?? 0))
    return inProgress(`waiting for the controller to observe generation ${generation}`);
  return void 0;
}
var isTrue = (condition) => condition?.status === "True";
function conditionText(condition) {
  return [condition.reason, condition.message].filter((part) => part !== void 0 && part !== "").join(": ");
}
function deploymentReadiness(object) {
  const { spec, status } = workload(object);
  const pending = generationPending(object, status.observedGeneration);
  if (pending !== void 0) return pending;
  const progressing = conditionOf(object, "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") {
    return {
      state: "failed",
      message: `exceeded its progress deadline${progressing.message ? `: ${progressing.message}` : ""}`,
      cause: {
        reason: "ProgressDeadlineExceeded",
        message: progressing.message ?? "the rollout made no progress within spec.progressDeadlineSeconds",
        fix: "look at the new pods (events, logs) for why they do not become available; raise spec.progressDeadlineSeconds if they only need longer"
      }
    };
  }
  const desired = spec.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const replicas = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const counts = `${updated}/${desired} updated, ${Math.min(available, updated)}/${desired} available`;
  if (updated < desired) return inProgress(counts);
  if (replicas > updated) return inProgress(`${counts}, ${replicas - updated} old pending termination`);
  if (available < updated) return inProgress(counts);
  return ready(`rolled out, ${available}/${desired} available`);
}
function statefulSetReadiness(object) {
  const { spec, status } = workload(object);
  if ((status.observedGeneration ?? 0) === 0)
    return inProgress("waiting for the controller to observe the statefulset");
  const pending = generationPending(object, status.observedGeneration);
  if (pending !== void 0) return pending;
  const desired = spec.replicas ?? 1;
  const readyReplicas = status.readyReplicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  if (spec.updateStrategy?.type === "OnDelete") {
    const text = `${readyReplicas}/${desired} ready (OnDelete: pods update only when deleted)`;
    return readyReplicas < desired ? inProgress(text) : ready(text);
  }
  if (readyReplicas < desired) return inProgress(`${updated}/${desired} updated, ${readyReplicas}/${desired} ready`);
  if ((status.replicas ?? 0) > desired)
    return inProgress(`${(status.replicas ?? 0) - desired} extra pods pending termination`);
  const rollingUpdate = spec.updateStrategy?.rollingUpdate;
  if (rollingUpdate !== void 0) {
    const partition = rollingUpdate.partition ?? 0;
    const target = Math.max(desired - partition, 0);
    if (updated < target)
      return inProgress(
        `partitioned rollout: ${updated}/${target} updated (partition ${partition}), ${readyReplicas}/${desired} ready`
      );
    return ready(
      partition > 0 ? `partitioned rollout done: ${updated}/${target} updated (partition ${partition})` : `rolled out, ${readyReplicas}/${desired} ready`
    );
  }
  if (status.updateRevision !== status.currentRevision)
    return inProgress(`${updated}/${desired} updated, waiting for revision ${status.updateRevision ?? "?"}`);
  return ready(`rolled out, ${readyReplicas}/${desired} ready`);
}
function daemonSetReadiness(object) {
  const { spec, status } = workload(object);
  const pending = generationPending(object, status.observedGeneration);
  if (pending !== void 0) return pending;
  const desired = status.desiredNumberScheduled ?? 0;
  const updated = status.updatedNumberScheduled ?? 0;
  const available = status.numberAvailable ?? 0;
  if (spec.updateStrategy?.type === "OnDelete") {
    const text = `${available}/${desired} available (OnDelete: pods update only when deleted)`;
    return available < desired ? inProgress(text) : ready(text);
  }
  const counts = `${updated}/${desired} updated, ${Math.min(available, desired)}/${desired} available`;
  if (updated < desired || available < desired) return inProgress(counts);
  return ready(`rolled out on ${desired} node${desired === 1 ? "" : "s"}`);
}
function replicaSetReadiness(object) {
  const { spec, status } = workload(object);
  const pending = generationPending(object, status.observedGeneration);
  if (pending !== void 0) return pending;
  const desired = spec.replicas ?? 1;
  const available = status.availableReplicas ?? 0;
  if (available < desired) return inProgress(`${available}/${desired} available`);
  if ((status.replicas ?? 0) > desired)
    return inProgress(`${(status.replicas ?? 0) - desired} extra pods pending termination`);
  return ready(`${available}/${desired} available`);
}
function podReadiness(object) {
  const status = object.status ?? {};
  switch (status.phase) {
    case "Succeeded":
      return ready("completed");
    case "Failed":
      return {
        state: "failed",
        message: `the pod failed${status.reason ? `: ${status.reason}` : ""}`,
        cause: {
          reason: status.reason ?? "PodFailed",
          message: status.message ?? "all containers terminated and will not be restarted"
        }
      };
    case "Running":
      return isTrue(conditionOf(object, "Ready")) ? ready("running and ready") : inProgress("running, not ready");
    default:
      return inProgress(`phase ${status.phase ?? "not yet reported"}`);
  }
}
function jobReadiness(object) {
  const failed = conditionOf(object, "Failed");
  if (isTrue(failed)) {
    return {
      state: "failed",
      message: `the job failed: ${failed?.reason ?? "Failed"}${failed?.message ? ` (${failed.message})` : ""}`,
      cause: {
        reason: failed?.reason ?? "Failed",
        message: failed?.message ?? "the job failed",
        fix: "look at the failed pods' logs and exit codes; raise spec.backoffLimit or spec.activeDeadlineSeconds only if failures are expected"
      }
    };
  }
  if (isTrue(conditionOf(object, "Complete"))) return ready("complete");
  const spec = object.spec ?? {};
  if (spec.suspend === true && isTrue(conditionOf(object, "Suspended"))) return ready("suspended (spec.suspend)");
  const status = object.status ?? {};
  const completions = spec.completions ?? spec.parallelism ?? 1;
  const failures = (status.failed ?? 0) > 0 ? `, ${status.failed} failed` : "";
  return inProgress(`${status.succeeded ?? 0}/${completions} succeeded, ${status.active ?? 0} active${failures}`);
}
function cronJobReadiness(object) {
  const spec = object.spec ?? {};
  return ready(`${spec.suspend === true ? "suspended" : "scheduled"} (${spec.schedule ?? "no schedule"})`);
}
function persistentVolumeClaimReadiness(object) {
  const phase = object.status?.phase;
  if (phase === "Bound") return ready("bound");
  if (phase === "Lost")
    return {
      state: "failed",
      message: "the claim lost its volume",
      cause: { reason: "ClaimLost", message: "the bound PersistentVolume no longer exists" }
    };
  return inProgress(`${phase ?? "Pending"}, not yet bound to a volume`);
}
function customResourceDefinitionReadiness(object) {
  const names = conditionOf(object, "NamesAccepted");
  if (names?.status === "False") {
    return {
      state: "failed",
      message: `names not accepted: ${conditionText(names)}`,
      cause: {
        reason: names.reason ?? "NamesNotAccepted",
        message: names.message ?? "",
        fix: "choose names (plural, kind, short names) no other CRD of the group uses"
      }
    };
  }
  const established = conditionOf(object, "Established");
  if (isTrue(established)) return ready("established");
  return inProgress(
    established === void 0 ? "not yet established" : `not yet established: ${conditionText(established)}`
  );
}
function namespaceReadiness(object) {
  const phase = object.status?.phase;
  if (phase === "Active") return ready("active");
  return inProgress(
    phase === "Terminating" ? "terminating (it is being deleted)" : `phase ${phase ?? "not yet reported"}`
  );
}
function apiServiceReadiness(object) {
  const available = conditionOf(object, "Available");
  if (isTrue(available)) return ready("available");
  return inProgress(
    available === void 0 ? "availability not yet reported" : `not available: ${conditionText(available)}`
  );
}
function podDisruptionBudgetReadiness(object) {
  const status = object.status ?? {};
  const pending = generationPending(object, status.observedGeneration);
  if (pending !== void 0) return pending;
  return ready(
    `${status.currentHealthy ?? 0} healthy (${status.desiredHealthy ?? 0} desired), ${status.disruptionsAllowed ?? 0} disruptions allowed`
  );
}
function serviceReadiness(object) {
  const spec = object.spec ?? {};
  if (spec.type !== "LoadBalancer") return ready(`${spec.type ?? "ClusterIP"}, nothing to wait for`);
  const ingress = object.status?.loadBalancer?.ingress ?? [];
  const address = ingress.map((i) => i.ip ?? i.hostname).find((a) => a !== void 0);
  if (object.metadata.annotations?.[waitForAnnotation] !== "load-balancer") {
    return ready(
      address === void 0 ? `load balancer address not waited for (annotate ${waitForAnnotation}: load-balancer to wait)` : `load balancer at ${address}`
    );
  }
  return address === void 0 ? inProgress("waiting for a load balancer address") : ready(`load balancer at ${address}`);
}
function conditionsReadiness(object) {
  const status = object.status ?? {};
  const generation = object.metadata.generation;
  if (generation !== void 0 && status.observedGeneration !== void 0 && status.observedGeneration < generation) {
    return inProgress(`waiting for the controller to observe generation ${generation}`);
  }
  const stalled = conditionOf(object, "Stalled");
  if (isTrue(stalled) && stalled !== void 0) {
    return {
      state: "failed",
      message: `stalled: ${conditionText(stalled)}`,
      cause: { reason: stalled.reason ?? "Stalled", message: stalled.message ?? "the controller reports Stalled=True" }
    };
  }
  const reconciling = conditionOf(object, "Reconciling");
  if (isTrue(reconciling) && reconciling !== void 0) return inProgress(`reconciling: ${conditionText(reconciling)}`);
  const readyCondition = status.conditions?.find((c) => c.type === "Ready");
  if (readyCondition === void 0)
    return ready(
      status.conditions === void 0 ? "nothing to wait for (no status conditions)" : "no Ready condition to wait for"
    );
  if (generation !== void 0 && readyCondition.observedGeneration !== void 0 && readyCondition.observedGeneration < generation) {
    return inProgress(
      `Ready is about generation ${readyCondition.observedGeneration}, waiting for generation ${generation}`
    );
  }
  if (readyCondition.status === "True") return ready("Ready");
  const text = conditionText(readyCondition);
  return inProgress(`not Ready${text === "" ? "" : `: ${text}`}`);
}

// src/rollout/kinds.ts
var workload2 = (w) => ({
  retried: /* @__PURE__ */ new Set(),
  failedCreateEvents: false,
  lastTerminated: false,
  ...w
});
var nothingToJudge = { readiness: void 0 };
var kinds = {
  "Deployment.apps": {
    readiness: deploymentReadiness,
    workload: workload2({ ...deploymentRevision, revisionsIn: "replicasets" }),
    rollbackFrom: "replicasets"
  },
  "StatefulSet.apps": {
    readiness: statefulSetReadiness,
    workload: workload2({ ...statefulSetRevision, failedCreateEvents: true }),
    rollbackFrom: "controllerrevisions"
  },
  "DaemonSet.apps": {
    readiness: daemonSetReadiness,
    workload: workload2({ ...daemonSetRevision, revisionsIn: "controllerrevisions", failedCreateEvents: true }),
    rollbackFrom: "controllerrevisions"
  },
  "ReplicaSet.apps": { readiness: replicaSetReadiness, workload: workload2(ownRevision) },
  Pod: { readiness: podReadiness, workload: workload2(ownRevision) },
  "Job.batch": {
    readiness: jobReadiness,
    workload: workload2({
      ...ownRevision,
      // restartPolicy OnFailure shows retries as a crash loop: the Failed condition decides
      retried: /* @__PURE__ */ new Set(["CrashLoopBackOff", "OOMKilled"]),
      failedCreateEvents: true,
      lastTerminated: true
    })
  },
  "CronJob.batch": { readiness: cronJobReadiness },
  PersistentVolumeClaim: { readiness: persistentVolumeClaimReadiness },
  // Established: with `wait`, part of the rollout wait like any object's readiness; before that, a
  // barrier only for custom resources of its kind in the same set (apply/run.ts)
  "CustomResourceDefinition.apiextensions.k8s.io": { readiness: customResourceDefinitionReadiness },
  Namespace: { readiness: namespaceReadiness },
  "APIService.apiregistration.k8s.io": { readiness: apiServiceReadiness },
  "PodDisruptionBudget.policy": { readiness: podDisruptionBudgetReadiness },
  Service: { readiness: serviceReadiness },
  ConfigMap: nothingToJudge,
  Secret: nothingToJudge,
  ServiceAccount: nothingToJudge,
  "Role.rbac.authorization.k8s.io": nothingToJudge,
  "RoleBinding.rbac.authorization.k8s.io": nothingToJudge,
  "ClusterRole.rbac.authorization.k8s.io": nothingToJudge,
  "ClusterRoleBinding.rbac.authorization.k8s.io": nothingToJudge
};
var otherKinds = { readiness: conditionsReadiness };
function kindBehaviour(group, kind) {
  return kinds[groupKind(group, kind)] ?? otherKinds;
}
function ruleFor(group, kind) {
  return kindBehaviour(group, kind).readiness;
}
function canRollBack(group, kind) {
  return kindBehaviour(group, kind).rollbackFrom !== void 0;
}
var events = { group: "events.k8s.io", resource: "events", fallback: { group: "", resource: "events" } };
function waitAccess(group, kind, options) {
  const row = kindBehaviour(group, kind);
  if (row.readiness === void 0) return [];
  const access = [
    // an informer: LIST, then WATCH from its resourceVersion
    { verb: "list", on: "collection", neededFor: "wait" },
    { verb: "watch", on: "collection", neededFor: "wait" },
    // the Warning events of a failed object and of its pod, for the cause
    { verb: "list", on: "namespace", ...events, neededFor: "wait: events" }
  ];
  const w = row.workload;
  if (w !== void 0) {
    access.push(
      { verb: "list", on: "namespace", group: "", resource: "pods", neededFor: "wait: pods" },
      { verb: "watch", on: "namespace", group: "", resource: "pods", neededFor: "wait: pods" }
    );
    if (w.revisionsIn !== void 0) {
      const revisions = { group: "apps", resource: w.revisionsIn };
      access.push({ verb: "list", on: "namespace", ...revisions, neededFor: "wait: revision" });
    }
    if (w.failedCreateEvents) access.push({ verb: "watch", on: "namespace", ...events, neededFor: "wait: events" });
  }
  if (options.rollback && row.rollbackFrom !== void 0) {
    access.push(
      { verb: "get", on: "object", neededFor: "rollback" },
      { verb: "patch", on: "object", neededFor: "rollback" },
      { verb: "list", on: "namespace", group: "apps", resource: row.rollbackFrom, neededFor: "rollback" }
    );
  }
  return access;
}

// src/rollout/diagnosis.ts
var defaultGracePeriods = {
  imagePull: 6e4,
  unschedulable: 3e4,
  unschedulableScalingUp: 3e5,
  missingServiceAccount: 3e4
};
var certainWaiting = /* @__PURE__ */ new Set([
  "CrashLoopBackOff",
  "InvalidImageName",
  "ErrImageNeverPull",
  "CreateContainerConfigError",
  "CreateContainerError",
  "RunContainerError"
]);
var imagePullWaiting = /* @__PURE__ */ new Set(["ErrImagePull", "ImagePullBackOff"]);
var fixes = {
  CrashLoopBackOff: "the container keeps exiting: read its logs (kubectl logs --previous) and check its command, arguments, configuration and probes",
  OOMKilled: "the container ran out of memory: raise resources.limits.memory or lower the program's memory use",
  InvalidImageName: "the image reference is malformed: fix the image name in the manifest",
  ErrImageNeverPull: "imagePullPolicy is Never and the image is not on the node: use IfNotPresent or preload the image",
  ErrImagePull: "the image cannot be pulled: check that the image and tag exist and that imagePullSecrets grant access to the registry",
  ImagePullBackOff: "the image cannot be pulled: check that the image and tag exist and that imagePullSecrets grant access to the registry",
  CreateContainerConfigError: "a ConfigMap, Secret or key the container refers to is missing: create it or fix the reference",
  CreateContainerError: "the runtime could not create the container: check the container spec (volumes, security context) and the events",
  RunContainerError: "the runtime could not start the container: check the command and the image's entrypoint",
  Unschedulable: "no node can take the pod: check its resource requests, nodeSelector, affinity and tolerations against the nodes",
  FailedCreate: "the controller cannot create pods: check resource quotas, LimitRanges and admission webhooks or policies in the namespace",
  missingServiceAccount: "the pods' service account does not exist: create it with the workload, or fix serviceAccountName"
};
function fixFor(reason) {
  return fixes[reason];
}
function podName(pod) {
  return pod.metadata.name ?? "";
}
function problem2(pod, container, reason, message, lastTermination, grace) {
  const fix = fixFor(reason);
  const cause = {
    reason,
    message,
    pod: podName(pod),
    ...container === void 0 ? {} : { container },
    ...lastTermination === void 0 ? {} : { lastTermination },
    ...fix === void 0 ? {} : { fix }
  };
  const uid = pod.metadata.uid === void 0 ? {} : { podUid: pod.metadata.uid };
  return grace === void 0 ? { cause, ...uid } : { cause, grace, ...uid };
}
function containerProblem(pod, status) {
  const waiting = status.state?.waiting;
  const terminated = status.state?.terminated;
  const last = status.lastState?.terminated;
  const oom = terminated?.reason === "OOMKilled" ? terminated : last?.reason === "OOMKilled" ? last : void 0;
  if (oom !== void 0) {
    const now = waiting?.reason === void 0 ? "" : `, now ${waiting.reason}`;
    return problem2(
      pod,
      status.name,
      "OOMKilled",
      `container ${status.name} was OOM-killed (exit code ${oom.exitCode ?? 137})${now}`,
      oom
    );
  }
  const reason = waiting?.reason;
  if (reason === void 0) return void 0;
  const message = waiting?.message ?? "";
  if (certainWaiting.has(reason)) return problem2(pod, status.name, reason, message, last);
  if (imagePullWaiting.has(reason)) return problem2(pod, status.name, reason, message, last, "imagePull");
  return void 0;
}
function podProblem(pod) {
  const status = pod.status ?? {};
  if (pod.metadata.deletionTimestamp !== void 0) return void 0;
  for (const container of [...status.initContainerStatuses ?? [], ...status.containerStatuses ?? []]) {
    const found = containerProblem(pod, container);
    if (found !== void 0) return found;
  }
  const scheduled = conditionOf(pod, "PodScheduled");
  if (scheduled?.status === "False" && scheduled.reason === "Unschedulable") {
    return problem2(
      pod,
      void 0,
      "Unschedulable",
      scheduled.message ?? "no node can take the pod",
      void 0,
      "unschedulable"
    );
  }
  return void 0;
}
var missingServiceAccount = /error looking up service account [^\s:]+: serviceaccount "[^"]*" not found/;
function cannotCreatePods(reason, message) {
  const missing = missingServiceAccount.test(message);
  const fix = fixFor(missing ? "missingServiceAccount" : reason) ?? fixFor("FailedCreate");
  const cause = { reason, message, ...fix === void 0 ? {} : { fix } };
  return missing ? { cause, grace: "missingServiceAccount" } : { cause };
}
function workloadProblem(object) {
  const failure = conditionOf(object, "ReplicaFailure");
  if (failure?.status !== "True") return void 0;
  return cannotCreatePods(failure.reason ?? "FailedCreate", failure.message ?? "pods could not be created");
}
function worstProblem(problems) {
  return [...problems].sort((a, b) => Number(a.grace !== void 0) - Number(b.grace !== void 0))[0];
}
function failedContainer(pods) {
  for (const pod of pods) {
    for (const status of (pod.status ?? {}).containerStatuses ?? []) {
      const terminated = status.state?.terminated ?? status.lastState?.terminated;
      if (terminated !== void 0 && (terminated.exitCode ?? 0) !== 0) {
        return problem2(
          pod,
          status.name,
          terminated.reason ?? "Error",
          `container ${status.name} exited with code ${terminated.exitCode ?? "?"}`,
          terminated
        );
      }
    }
  }
  return void 0;
}

// src/rollout/events.ts
var EventReader = class {
  client;
  core = false;
  constructor(client) {
    this.client = client;
  }
  /** The namespace's events collection, and the field selector prefix naming the object there. */
  path(namespace) {
    const ns = encodeURIComponent(namespace);
    return this.core ? { path: `/api/v1/namespaces/${ns}/events`, prefix: "involvedObject" } : { path: `/apis/events.k8s.io/v1/namespaces/${ns}/events`, prefix: "regarding" };
  }
  /** Reads core v1 from now on (events.k8s.io answered 403). */
  useCore() {
    this.core = true;
  }
  /** The events of each queried object, newest first, at most `limit`; empty when they cannot be read. */
  async read(queries, signal, limit = 5) {
    const one = async (query) => {
      try {
        try {
          return await this.readOne(query, signal);
        } catch (error) {
          if (!(error instanceof KubeApiError && error.code === 403) || this.core) throw error;
          this.useCore();
          return await this.readOne(query, signal);
        }
      } catch {
        return [];
      }
    };
    const all = (await Promise.all(queries.map(one))).flat();
    return all.sort((a, b) => (b.lastSeen ?? "").localeCompare(a.lastSeen ?? "")).slice(0, limit);
  }
  async readOne(query, signal) {
    const { path, prefix } = this.path(query.namespace);
    const list2 = await this.client.list(path, { query: { fieldSelector: selector(prefix, query) }, signal });
    return list2.items.map((item) => summarize(item, query.object));
  }
};
function regardingUid(item) {
  return item.regarding?.uid ?? item.involvedObject?.uid;
}
function summarize(item, object) {
  const lastSeen = item.series?.lastObservedTime ?? item.deprecatedLastTimestamp ?? item.lastTimestamp ?? item.eventTime ?? item.metadata?.creationTimestamp ?? void 0;
  return {
    object,
    reason: item.reason ?? "",
    message: item.note ?? item.message ?? "",
    count: item.series?.count ?? item.deprecatedCount ?? item.count ?? 1,
    ...lastSeen ? { lastSeen } : {}
  };
}
function selector(prefix, query) {
  return [
    `${prefix}.uid=${query.uid}`,
    ...query.type ? [`type=${query.type}`] : [],
    ...query.reason ? [`reason=${query.reason}`] : []
  ].join(",");
}

// src/rollout/informer.ts
function isExpired(status) {
  return status?.code === 410 || status?.reason === "Expired" || status?.reason === "Gone";
}
function retryable(error) {
  if (!(error instanceof KubeApiError)) return true;
  return error.code >= 500 || error.code === 429 || error.code === 410;
}
function sleep(ms, signal) {
  return new Promise((resolve4) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve4();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
async function runInformer(client, path, handlers, signal, options = {}) {
  const minBackoff = options.minBackoffMs ?? 200;
  const maxBackoff = options.maxBackoffMs ?? 5e3;
  let backoff2 = minBackoff;
  let resourceVersion;
  const selector2 = {
    ...options.labelSelector === void 0 ? {} : { labelSelector: options.labelSelector },
    ...options.fieldSelector === void 0 ? {} : { fieldSelector: options.fieldSelector }
  };
  while (!signal.aborted) {
    try {
      if (resourceVersion === void 0) {
        const list2 = await client.list(path, { query: selector2, signal });
        handlers.onList(list2.items);
        resourceVersion = list2.resourceVersion;
        continue;
      }
      const timeoutSeconds = String(300 + Math.floor(Math.random() * 300));
      const events2 = client.watch(
        path,
        { ...selector2, resourceVersion, allowWatchBookmarks: "true", timeoutSeconds },
        signal
      );
      let received = 0;
      let expired = false;
      for await (const event of events2) {
        if (event.type === "ERROR") {
          const status = isStatus(event.object) ? event.object : void 0;
          if (!isExpired(status)) {
            throw new KubeApiError(status?.code ?? 500, "GET", path, status, status?.message ?? "watch error");
          }
          expired = true;
          resourceVersion = void 0;
          break;
        }
        received++;
        resourceVersion = event.object.metadata.resourceVersion ?? resourceVersion;
        backoff2 = minBackoff;
        if (event.type !== "BOOKMARK") handlers.onEvent(event.type, event.object);
      }
      if (expired || received === 0) {
        await sleep(backoff2, signal);
        backoff2 = Math.min(backoff2 * 2, maxBackoff);
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof KubeApiError && error.code === 410) resourceVersion = void 0;
      else if (!retryable(error)) {
        handlers.onFatal(error);
        return;
      }
      await sleep(backoff2 * (0.5 + Math.random()), signal);
      backoff2 = Math.min(backoff2 * 2, maxBackoff);
    }
  }
}

// src/rollout/wait.ts
var tickMs = 1e3;
var eventsTimeoutMs = 3e3;
function shortRef(ref) {
  return `${ref.kind}/${ref.name}`;
}
var RolloutWaiter = class {
  client;
  /** which events API this wait reads (events.k8s.io until that is denied) */
  events;
  options;
  grace;
  started = Date.now();
  tracked;
  /** namespace → pod uid → pod */
  pods = /* @__PURE__ */ new Map();
  /** owner uid of a revision's pods → the workload */
  byOwner = /* @__PURE__ */ new Map();
  stop = new AbortController();
  stopSignal;
  resolveDone = () => void 0;
  done = new Promise((resolve4) => this.resolveDone = resolve4);
  constructor(client, targets, options) {
    this.client = client;
    this.events = new EventReader(client);
    this.options = options;
    this.grace = { ...defaultGracePeriods, ...options.grace };
    this.stopSignal = AbortSignal.any([options.signal, this.stop.signal]);
    this.tracked = targets.map((target) => {
      const kind = kindBehaviour(target.mapping.group, target.mapping.kind);
      return this.track(target, kind);
    });
  }
  track(target, kind) {
    return {
      target,
      kind,
      rule: kind.readiness ?? (() => ({ state: "ready", message: "" })),
      object: void 0,
      readiness: void 0,
      result: void 0,
      finishing: false,
      revision: void 0,
      revisionKey: void 0,
      resolving: false,
      resolvedAt: 0,
      problemSince: /* @__PURE__ */ new Map(),
      scalingUp: /* @__PURE__ */ new Set(),
      scaleUpChecked: /* @__PURE__ */ new Set(),
      failedCreate: void 0
    };
  }
  async run() {
    for (const t of this.tracked) {
      const annotations = t.target.live?.metadata.annotations;
      if (annotations?.[waitAnnotation] === "false") {
        t.result = {
          ref: t.target.ref,
          outcome: "skipped",
          message: `not waited for (${waitAnnotation}: "false")`,
          durationMs: 0
        };
      } else if (t.kind.readiness === void 0) {
        t.result = { ref: t.target.ref, outcome: "ready", message: "", durationMs: 0 };
      } else if (t.target.live !== void 0) {
        this.observe(t, t.target.live);
      }
    }
    const waiting = this.tracked.filter((t) => t.result === void 0 && !t.finishing);
    if ((waiting.length > 0 || this.pending()) && !this.options.signal.aborted) {
      const informers = [
        ...this.watchTargets(waiting),
        ...this.watchPods(waiting),
        ...this.watchFailedCreates(waiting)
      ];
      const ticker = setInterval(() => this.tick(), tickMs);
      this.checkDone();
      await Promise.race([
        this.done,
        new Promise((resolve4) => this.options.signal.addEventListener("abort", resolve4, { once: true }))
      ]);
      clearInterval(ticker);
      this.stop.abort();
      void Promise.allSettled(informers);
    }
    return this.tracked.map((t) => t.result ?? this.unfinished(t));
  }
  pending() {
    return this.tracked.some((t) => t.result === void 0);
  }
  checkDone() {
    if (!this.pending()) this.resolveDone();
  }
  unfinished(t) {
    const readiness = t.readiness;
    const message = readiness === void 0 ? "no status observed" : readiness.message;
    return {
      ref: t.target.ref,
      outcome: "timeout",
      message,
      ...readiness?.cause === void 0 ? {} : { cause: readiness.cause },
      durationMs: Date.now() - this.started
    };
  }
  /** One informer per collection (resource type and namespace) holding waiting objects. */
  watchTargets(waiting) {
    const groups = /* @__PURE__ */ new Map();
    for (const t of waiting) {
      const path = resourcePath(t.target.mapping, t.target.ref.namespace);
      groups.set(path, [...groups.get(path) ?? [], t]);
    }
    return [...groups].map(([path, group]) => {
      const byName = new Map(group.map((t) => [t.target.ref.name, t]));
      return runInformer(
        this.client,
        path,
        {
          onList: (objects) => {
            const seen = /* @__PURE__ */ new Set();
            for (const object of objects) {
              const t = byName.get(object.metadata.name ?? "");
              if (t === void 0) continue;
              seen.add(t.target.ref.name);
              this.observe(t, object);
            }
            for (const t of group) if (!seen.has(t.target.ref.name)) this.deleted(t);
          },
          onEvent: (type, object) => {
            const t = byName.get(object.metadata.name ?? "");
            if (t === void 0) return;
            if (type === "DELETED") this.deleted(t);
            else this.observe(t, object);
          },
          onFatal: (error) => {
            for (const t of group)
              this.finish(t, {
                state: "failed",
                message: `cannot watch ${path}: ${error.message}`,
                cause: {
                  reason: "WatchFailed",
                  message: error.message,
                  fix: 'grant the identity list and watch on this resource, or annotate the object with kubeship.io/wait: "false"'
                }
              });
          }
        },
        this.stopSignal
      );
    });
  }
  /** One pod informer per namespace that holds workloads, feeding the diagnosis. */
  watchPods(waiting) {
    const workloads = waiting.filter((t) => t.kind.workload !== void 0);
    const namespaces = new Set(workloads.map((t) => t.target.ref.namespace ?? "default"));
    return [...namespaces].map((namespace) => {
      const pods = /* @__PURE__ */ new Map();
      this.pods.set(namespace, pods);
      return runInformer(
        this.client,
        `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
        {
          onList: (objects) => {
            pods.clear();
            for (const pod of objects) pods.set(pod.metadata.uid ?? "", pod);
            for (const t of this.tracked) if (t.target.ref.namespace === namespace) this.evaluate(t);
          },
          onEvent: (type, pod) => {
            const uid = pod.metadata.uid ?? "";
            if (type === "DELETED") pods.delete(uid);
            else pods.set(uid, pod);
            const owner = this.byOwner.get(controllerUid(pod) ?? "") ?? this.byOwner.get(uid);
            if (owner !== void 0) this.evaluate(owner);
            else if (podProblem(pod) !== void 0) {
              for (const t of this.tracked)
                if (t.target.ref.namespace === namespace && t.revision === void 0) this.evaluate(t);
            }
          },
          // Without pods there is no diagnosis: the rules alone still decide, up to the timeout.
          onFatal: () => this.pods.delete(namespace)
        },
        this.stopSignal
      );
    });
  }
  /**
   * One watch per namespace of FailedCreate Warning events: how StatefulSets, DaemonSets and Jobs say
   * that pods cannot be created (quota, admission webhooks). events.k8s.io first, core v1 on 403.
   */
  watchFailedCreates(waiting) {
    const reporting = waiting.filter((t) => t.kind.workload?.failedCreateEvents === true);
    const namespaces = new Set(reporting.map((t) => t.target.ref.namespace ?? "default"));
    return [...namespaces].map(async (namespace) => {
      for (; ; ) {
        const { path, prefix } = this.events.path(namespace);
        let forbidden = false;
        await runInformer(
          this.client,
          path,
          {
            onList: (items) => items.forEach((item) => this.failedCreate(item)),
            onEvent: (type, item) => type !== "DELETED" && this.failedCreate(item),
            onFatal: (error) => forbidden = error instanceof KubeApiError && error.code === 403 && prefix === "regarding"
          },
          this.stopSignal,
          { fieldSelector: "type=Warning,reason=FailedCreate" }
        );
        if (!forbidden) return;
        this.events.useCore();
      }
    });
  }
  failedCreate(item) {
    const uid = regardingUid(item);
    const t = this.tracked.find((candidate) => candidate.object?.metadata.uid === uid && uid !== void 0);
    if (t === void 0 || t.kind.workload?.failedCreateEvents !== true) return;
    const summary = summarize(item, shortRef(t.target.ref));
    if (Date.parse(summary.lastSeen ?? "") < this.started - 2e3) return;
    t.failedCreate = summary;
    this.evaluate(t);
  }
  observe(t, object) {
    t.object = object;
    this.evaluate(t);
  }
  deleted(t) {
    this.finish(t, {
      state: "failed",
      message: "the object was deleted while waiting for it",
      cause: {
        reason: "Deleted",
        message: "the object was deleted while waiting for it",
        fix: "find out what deletes it (another deploy, a controller, garbage collection of its owner)"
      }
    });
  }
  revisionPodsOf(t) {
    const revision = t.revision;
    const pods = this.pods.get(t.target.ref.namespace ?? "default");
    if (revision === void 0 || pods === void 0) return [];
    return [...pods.values()].filter((pod) => inRevision(pod, revision));
  }
  /** Finds the new revision's pods when the workload moved to a new revision; evaluates again when known. */
  resolveRevision(t) {
    const workload3 = t.kind.workload;
    if (workload3 === void 0 || t.object === void 0) return;
    const key = workload3.revisionKey(t.object);
    if (key === t.revisionKey || key === void 0 || t.resolving) return;
    if (Date.now() - t.resolvedAt < tickMs) return;
    t.resolving = true;
    t.resolvedAt = Date.now();
    const object = t.object;
    workload3.revisionPods(this.client, object, this.stopSignal).then((revision) => {
      t.resolving = false;
      if (revision === void 0) return;
      if (t.revision !== void 0) this.byOwner.delete(t.revision.ownerUid);
      t.revision = revision;
      t.revisionKey = key;
      this.byOwner.set(revision.ownerUid, t);
      this.evaluate(t);
    }).catch(() => {
      t.resolving = false;
    });
  }
  graceFor(problem3, t) {
    if (problem3.grace === void 0) return 0;
    if (problem3.grace === "unschedulable" && t.scalingUp.has(problem3.podUid ?? ""))
      return this.grace.unschedulableScalingUp;
    return this.grace[problem3.grace];
  }
  diagnose(t, object) {
    const own = workloadProblem(object);
    if (own !== void 0) return own;
    if (t.failedCreate !== void 0) return cannotCreatePods("FailedCreate", t.failedCreate.message);
    const problems = this.revisionPodsOf(t).flatMap((pod) => podProblem(pod) ?? []);
    const retried = t.kind.workload?.retried;
    return worstProblem(retried === void 0 ? problems : problems.filter((p) => !retried.has(p.cause.reason)));
  }
  evaluate(t) {
    const object = t.object;
    if (object === void 0 || t.result !== void 0 || t.finishing) return;
    let readiness = t.rule(object);
    if (t.kind.workload !== void 0) this.resolveRevision(t);
    if (readiness.state === "in-progress" && t.kind.workload !== void 0) {
      const problem3 = this.diagnose(t, object);
      if (problem3 !== void 0) {
        const key = `${problem3.podUid ?? ""}/${problem3.grace ?? problem3.cause.reason}`;
        const since = t.problemSince.get(key) ?? Date.now();
        t.problemSince.set(key, since);
        const grace = this.graceFor(problem3, t);
        if (this.options.failFast !== false && Date.now() - since >= grace) {
          if (problem3.cause.reason === "Unschedulable" && !t.scaleUpChecked.has(problem3.podUid ?? "")) {
            this.checkScaleUp(t, problem3);
            return;
          }
          this.fail(
            t,
            { state: "failed", message: `${problem3.cause.reason}: ${problem3.cause.message}`, cause: problem3.cause },
            problem3
          );
          return;
        }
        const where = problem3.cause.pod === void 0 ? "" : ` on pod ${problem3.cause.pod}`;
        readiness = {
          ...readiness,
          message: `${readiness.message}; ${problem3.cause.reason}${where}`,
          cause: problem3.cause
        };
      }
    }
    if (readiness.state === "failed") {
      const lastTerminated = t.kind.workload?.lastTerminated === true;
      const detail = lastTerminated ? failedContainer(this.revisionPodsOf(t)) : this.diagnose(t, object);
      this.fail(t, readiness, detail);
      return;
    }
    if (readiness.state === "ready") {
      this.finish(t, readiness);
      return;
    }
    this.progress(t, readiness);
  }
  progress(t, readiness) {
    const changed = readiness.message !== t.readiness?.message || readiness.state !== t.readiness.state;
    t.readiness = readiness;
    if (changed) this.options.onProgress?.(t.target.ref, readiness);
  }
  finish(t, readiness) {
    if (t.result !== void 0) return;
    this.progress(t, readiness);
    t.result = {
      ref: t.target.ref,
      outcome: readiness.state === "ready" ? "ready" : "failed",
      message: readiness.message,
      ...readiness.cause === void 0 ? {} : { cause: readiness.cause },
      durationMs: Date.now() - this.started
    };
    this.checkDone();
  }
  /** Fails with the cause, completed by the pod's details and the latest Warning events of the object and the pod. */
  fail(t, readiness, detail) {
    t.finishing = true;
    const base = readiness.cause ?? { reason: "Failed", message: readiness.message };
    const cause = detail === void 0 || detail.cause === base ? base : { ...detail.cause, ...base, ...pick(detail.cause) };
    const queries = [];
    const object = t.object;
    const namespace = t.target.ref.namespace ?? "default";
    if (object?.metadata.uid !== void 0)
      queries.push({ namespace, uid: object.metadata.uid, object: shortRef(t.target.ref), type: "Warning" });
    if (detail?.podUid !== void 0 && detail.podUid !== object?.metadata.uid)
      queries.push({ namespace, uid: detail.podUid, object: `Pod/${detail.cause.pod ?? ""}`, type: "Warning" });
    this.events.read(queries, AbortSignal.any([this.stopSignal, AbortSignal.timeout(eventsTimeoutMs)])).then((events2) => this.finish(t, { ...readiness, cause: events2.length === 0 ? cause : { ...cause, events: events2 } })).catch(() => this.finish(t, { ...readiness, cause }));
  }
  /** Before failing on Unschedulable, a cluster autoscaler adding a node earns the pod a longer grace. */
  checkScaleUp(t, problem3) {
    const uid = problem3.podUid ?? "";
    t.scaleUpChecked.add(uid);
    t.finishing = true;
    const namespace = t.target.ref.namespace ?? "default";
    void this.events.read([{ namespace, uid, object: `Pod/${problem3.cause.pod ?? ""}`, reason: "TriggeredScaleUp" }], this.stopSignal).then((events2) => {
      if (events2.length > 0) t.scalingUp.add(uid);
    }).finally(() => {
      t.finishing = false;
      this.evaluate(t);
    });
  }
  /** Time-based decisions: grace periods running out, revisions still unknown. */
  tick() {
    for (const t of this.tracked) {
      if (t.result !== void 0 || t.finishing) continue;
      this.evaluate(t);
    }
  }
};
function pick(cause) {
  return {
    ...cause.pod === void 0 ? {} : { pod: cause.pod },
    ...cause.container === void 0 ? {} : { container: cause.container },
    ...cause.lastTermination === void 0 ? {} : { lastTermination: cause.lastTermination }
  };
}
async function waitForRollouts(client, targets, options) {
  return new RolloutWaiter(client, targets, options).run();
}

// src/pipeline/apply.ts
function waitedFor(plan2, wait) {
  const needed = /* @__PURE__ */ new Set([
    ...crdsNeeded(plannedObjects(plan2)),
    ...plan2.deferred.length > 0 ? plannedObjects(plan2).filter(isApiService) : []
  ]);
  return (o) => o.object.metadata.annotations?.[waitAnnotation] !== "false" && ruleFor(o.mapping.group, o.mapping.kind) !== void 0 && (wait || needed.has(o));
}
function inManifestOrder(objects) {
  const order = new Map(objects.map((o, i) => [o.source, i]));
  return (a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0);
}
async function apply(ctx, planned, objects, settings) {
  const { client, log, signal } = ctx;
  const dryRun = settings.mode === "plan";
  const { applyset } = planned;
  if (dryRun) {
    log.info(`Planning ${objects.length} objects: server-side dry run, nothing is changed`);
  } else {
    if (applyset !== void 0) {
      const membership = union(applyset.previous, membershipOf(plannedObjects(planned.plan)));
      await writeMembership(client, applyset.parent, membership, settings.fieldManager, signal);
    }
    log.info(`Applying ${objects.length} objects with server-side apply (field manager ${settings.fieldManager})`);
  }
  const options = {
    fieldManager: settings.fieldManager,
    force: settings.forceConflicts,
    fieldValidation: settings.fieldValidation,
    dryRun,
    signal,
    waitedFor: waitedFor(planned.plan, settings.wait),
    ...planned.options
  };
  const result = await applyPlan(client, planned.plan, planned.live, options, {
    waitReady: async (waitFor) => {
      log.info(`  waiting for ${waitFor.map((a) => describeRef(a.ref)).join(", ")}`);
      const outcomes = await waitForRollouts(client, waitFor, { signal });
      return outcomes.flatMap(
        (o, i) => o.outcome === "ready" || waitFor[i] === void 0 ? [] : [{ object: waitFor[i], message: o.message }]
      );
    },
    rediscover: () => discover(client, signal)
  });
  const applied = result.applied.sort(inManifestOrder(objects));
  for (const a of applied) for (const form of a.before === void 0 ? [] : secretValueForms(a.before)) log.mask(form);
  for (const a of applied) {
    if (dryRun) log.info(`  ${describeRef(a.ref)} would be ${a.action === "unchanged" ? "left unchanged" : a.action}`);
    else log.info(`  ${describeApplied(a)} (${a.source.file}:${a.source.line})`);
    for (const warning of a.warnings) log.warning(`${describeRef(a.ref)}: ${warning}`, a.source);
  }
  return {
    objects: applied,
    unchecked: result.unchecked,
    failures: result.failures,
    mapper: result.mapper ?? planned.mapper
  };
}

// src/pipeline/context.ts
function seconds(ms) {
  return `${(ms / 1e3).toFixed(1)}s`;
}
var StageClock = class {
  last = performance.now();
  shares = [];
  lap(stage) {
    const now = performance.now();
    this.shares.push([stage, now - this.last]);
    this.last = now;
  }
  toString() {
    return this.shares.map(([stage, ms]) => `${stage} ${ms.toFixed(0)}ms`).join(", ");
  }
};

// src/pipeline/assemble.ts
function failuresOf(error, run) {
  const interrupted = interruptionOf(error);
  const during = `in the ${run.stage} stage${interrupted === void 0 ? "" : ` while ${interrupted.waitingFor}`}`;
  if (run.cancelled) {
    return [{ kind: "cancelled", summary: `the workflow was cancelled ${during}, before the deploy finished` }];
  }
  if (run.timedOut) {
    const fix = interrupted === void 0 ? "raise the timeout input if the cluster is slow" : `raise the timeout input if it needs longer, or ${interrupted.check}`;
    return [{ kind: "timeout", summary: `timeout ${durationText(run.timeoutMs)} reached ${during}: ${fix}` }];
  }
  if (error instanceof ManifestError) {
    return error.problems.map((p) => ({
      kind: "manifest",
      ...p.source ? { source: p.source } : {},
      summary: p.message
    }));
  }
  const summary = error instanceof Error ? error.message : String(error);
  return [{ kind: error instanceof ApplySetError ? "manifest" : "error", summary }];
}
function rolloutFailure(object, rollout, values) {
  const outcome = rollout.outcome;
  if (outcome !== "failed" && outcome !== "timeout" && outcome !== "cancelled") return void 0;
  const summaries = {
    failed: "failed to roll out",
    timeout: `did not become ready within ${seconds(values.settings.timeoutMs)}`,
    cancelled: "was still rolling out when the workflow was cancelled"
  };
  const rollback = values.waited?.rolledBack?.find((r) => r.ref === rollout.ref);
  return {
    kind: "rollout",
    ref: object.ref,
    source: object.source,
    summary: summaries[outcome],
    outcome,
    status: rollout.message,
    ...rollout.cause === void 0 ? {} : { cause: rollout.cause },
    ...rollback === void 0 ? {} : { rollback }
  };
}
function objectResults(applied, waited, mode) {
  const results = applied.objects.map((a, i) => {
    const rollout = waited?.rollouts[i];
    return {
      ref: a.ref,
      source: a.source,
      action: a.action,
      rollout: rollout?.outcome ?? "skipped",
      message: rollout?.message ?? "",
      ...rollout?.cause === void 0 ? {} : { cause: rollout.cause },
      durationMs: rollout?.durationMs ?? 0,
      ...a.notes.length > 0 ? { notes: a.notes } : {},
      // plan mode: what would change
      ...mode === "plan" ? a.diff === void 0 ? { created: comparable(a.live) } : { diff: a.diff } : {}
    };
  });
  const unchecked = applied.unchecked.map((u) => ({
    ref: u.ref,
    source: u.source,
    action: "created",
    rollout: "skipped",
    message: "",
    durationMs: 0,
    created: comparable(u.object),
    notes: [u.note]
  }));
  return [...results, ...unchecked];
}
function assemble(values) {
  const { settings, applied, waited } = values;
  const objects = applied === void 0 ? [] : objectResults(applied, waited, settings.mode);
  const rolloutFailures = (waited?.rollouts ?? []).flatMap((r, i) => {
    const object = objects[i];
    return object === void 0 ? [] : rolloutFailure(object, r, values) ?? [];
  });
  const failures = [...applied?.failures ?? [], ...rolloutFailures, ...values.stopped];
  const rolledBack = waited?.rolledBack;
  return {
    result: failures.length === 0 && !values.cancelled ? "success" : "failure",
    mode: settings.mode,
    ...settings.environment === void 0 ? {} : { environment: settings.environment },
    ...values.cluster === void 0 ? {} : { server: values.cluster.server },
    ...values.cluster?.context === void 0 ? {} : { context: values.cluster.context },
    objects: values.manifests === void 0 ? objects : [...objects].sort(inManifestOrder(values.manifests)),
    pruned: values.pruned ?? [],
    failures,
    ...values.kubeconfigPath === void 0 ? {} : { kubeconfigPath: values.kubeconfigPath },
    ...rolledBack === void 0 ? {} : { rolledBack },
    ...values.cancelled ? { cancelled: true } : {},
    durationMs: values.durationMs
  };
}

// src/manifests/kustomize/prepare.ts
import { resolve } from "node:path";
async function prepareKustomize(entries, workspace) {
  const found = await Promise.all(entries.map((entry) => kustomizationFile(resolve(workspace, entry))));
  if (found.every((file) => file === void 0)) return;
  const { compileKustomize } = await import("./module-V5H6Q4ZO.js");
  await compileKustomize();
}

// src/credentials/identity.ts
async function whoAmI(client, connection, signal) {
  let review;
  try {
    const body = JSON.stringify({ apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" });
    review = (await client.request("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", {
      body,
      contentType: "application/json",
      ...signal === void 0 ? {} : { signal }
    })).body;
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 404) return void 0;
    throw translateAuthError(error, connection);
  }
  const info = review.status?.userInfo;
  if (info?.username === void 0) return void 0;
  return {
    username: info.username,
    ...info.uid === void 0 || info.uid === "" ? {} : { uid: info.uid },
    groups: info.groups ?? []
  };
}
function translateAuthError(error, connection) {
  if (!(error instanceof KubeApiError)) return error;
  if (error.code === 401) {
    const causes = connection.auth.whenRejected?.();
    if (causes !== void 0)
      return new CredentialsError(`${connection.server} rejected the credentials (401 Unauthorized): ${causes}`);
    return new CredentialsError(
      `${connection.server} rejected the credentials (401 Unauthorized): ${connection.auth.description} from ${connection.source} is expired, revoked or not issued for this cluster; renew the credential (for a kubeconfig secret, export a fresh one) and check that it belongs to this cluster`
    );
  }
  if (error.code === 403 && connection.impersonate !== void 0 && /impersonate/i.test(error.message)) {
    const { user, groups, uid } = connection.impersonate;
    const what = [
      `users "${user}"`,
      ...groups.map((g) => `groups "${g}"`),
      ...uid === void 0 ? [] : [`uids "${uid}"`]
    ].join(", ");
    return new CredentialsError(
      `impersonation refused: ${error.message}. The credentials from ${connection.source} need the impersonate verb on ${what} (a ClusterRole with verbs [impersonate] on resources users, groups${uid === void 0 ? "" : " and, in API group authentication.k8s.io, uids"}, bound to them); or drop as/as-groups/as-uid`
    );
  }
  return error;
}

// src/credentials/index.ts
import { existsSync as existsSync2 } from "node:fs";

// src/credentials/authenticators/renewing.ts
var RenewingTokenAuthenticator = class {
  description;
  options;
  issued;
  obtaining;
  /** the Authorization of the token obtained after a 401, if that is the one in use */
  renewedAfterRefusal;
  constructor(options) {
    this.options = options;
    this.description = options.description;
  }
  now() {
    return (this.options.now ?? Date.now)();
  }
  credential(issued) {
    return { authorization: `Bearer ${issued.token}`, expiresAt: issued.expiresAt };
  }
  async current() {
    return this.credential(await this.token());
  }
  /** The token to use now, renewed first when it reached 80% of its lifetime. */
  async token() {
    const issued = this.issued;
    if (issued !== void 0 && this.now() < renewalTime(issued)) return issued;
    return this.obtain();
  }
  async renew(rejected) {
    if (this.issued !== void 0 && this.credential(this.issued).authorization !== rejected.authorization) return true;
    if (rejected.authorization === this.renewedAfterRefusal) return false;
    this.options.info?.(`The cluster refused the token (401) before it was due for renewal: obtaining a new one`);
    this.issued = void 0;
    const renewed = await this.obtain();
    this.renewedAfterRefusal = this.credential(renewed).authorization;
    return true;
  }
  async kubeconfigUser() {
    return this.options.exported(await this.token());
  }
  whenRejected() {
    return this.options.rejected?.(this.issued?.token ?? "");
  }
  obtain() {
    this.obtaining ??= this.options.obtain().then((issued) => {
      this.issued = issued;
      return issued;
    }).finally(() => this.obtaining = void 0);
    return this.obtaining;
  }
};

// src/credentials/authenticators/token-request.ts
var tokenLifetimeSeconds = 3600;
async function mintToken(options) {
  const { client, namespace, name } = options;
  const account = `${namespace}/${name}`;
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(name)}/token`;
  const issuedAt = (options.now ?? Date.now)();
  let answer;
  try {
    const body = {
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      spec: { expirationSeconds: tokenLifetimeSeconds }
    };
    answer = (await client.request("POST", path, {
      body: JSON.stringify(body),
      contentType: "application/json"
    })).body;
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 404) {
      throw new CredentialsError(
        `service-account: the service account ${account} does not exist; create it first, or fix the service-account input`
      );
    }
    if (error instanceof KubeApiError && error.code === 403) {
      throw new CredentialsError(
        `service-account: the credentials from ${options.minter} may not mint tokens for ${account}: they need create on serviceaccounts/token in namespace ${namespace} (${error.message})`
      );
    }
    throw error;
  }
  const token = answer.status?.token;
  if (token === void 0 || token === "")
    throw new CredentialsError(`service-account: the API server returned no token for ${account}`);
  secretForms(token).forEach((s) => options.mask(s));
  const expires = Date.parse(answer.status?.expirationTimestamp ?? "");
  return {
    token,
    issuedAt: new Date(issuedAt),
    expiresAt: new Date(Number.isNaN(expires) ? issuedAt + tokenLifetimeSeconds * 1e3 : expires)
  };
}
function tokenRequestAuthenticator(options) {
  return new RenewingTokenAuthenticator({
    description: `a token minted for service account ${options.namespace}/${options.name} (TokenRequest)`,
    obtain: () => mintToken(options),
    // later steps get the token itself: it lives an hour, and the file is rewritten if it was minted again
    exported: (current) => Promise.resolve({ token: current.token }),
    ...options.now === void 0 ? {} : { now: options.now }
  });
}
function serviceAccountConnection(base, client, account, log, now) {
  const { cert: _cert, key: _key, ...tls } = base.tls;
  const { impersonate: _impersonate, ...rest } = base;
  return {
    ...rest,
    tls,
    auth: tokenRequestAuthenticator({
      client,
      ...account,
      minter: base.source,
      mask: log.mask,
      ...now === void 0 ? {} : { now }
    })
  };
}

// src/kube/connection.ts
function staticAuthenticator(credential, user, description) {
  return {
    current: () => Promise.resolve(credential),
    renew: () => Promise.resolve(false),
    kubeconfigUser: () => Promise.resolve(user),
    description
  };
}
var noAuthentication = staticAuthenticator({}, {}, "no credentials");
function bearerToken(token) {
  return staticAuthenticator({ authorization: `Bearer ${token}` }, { token }, "a bearer token");
}

// src/credentials/sources/direct.ts
function directConnection(direct, proxyEnvironment) {
  const proxy = proxyFromEnvironment(direct.server, proxyEnvironment);
  const given = [
    "server",
    ...direct.token === void 0 ? [] : ["token"],
    ...direct.clientCertificate === void 0 ? [] : ["client certificate"]
  ];
  return {
    server: direct.server,
    tls: {
      ...direct.certificateAuthority === void 0 ? {} : { ca: direct.certificateAuthority, caSource: "the certificate-authority-data input" },
      ...direct.clientCertificate === void 0 || direct.clientKey === void 0 ? {} : { cert: direct.clientCertificate, key: direct.clientKey },
      insecureSkipVerify: false
    },
    ...proxy === void 0 ? {} : { proxy },
    auth: direct.token === void 0 ? staticAuthenticator({}, {}, "a client certificate") : bearerToken(direct.token),
    source: `the ${given.join(" and ")} inputs`,
    secrets: [
      ...direct.secrets.flatMap(secretForms),
      ...direct.clientKey === void 0 ? [] : pemSecretLines(direct.clientKey)
    ]
  };
}

// src/credentials/sources/in-cluster.ts
import { existsSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import { join as join2 } from "node:path";

// src/credentials/authenticators/token-file.ts
import { readFile } from "node:fs/promises";
var rereadAfterMs = 6e4;
var TokenFileAuthenticator = class {
  description;
  options;
  token;
  readAt = 0;
  constructor(options) {
    this.options = options;
    this.description = `the token in ${options.path} (re-read as it changes)`;
  }
  now() {
    return (this.options.now ?? Date.now)();
  }
  /** Reads the file; keeps the last good token (or the inline one) when it cannot be read. */
  async read() {
    this.readAt = this.now();
    try {
      const token2 = (await readFile(this.options.path, "utf8")).trim();
      if (token2 !== "") {
        if (token2 !== this.token) for (const form of secretForms(token2)) this.options.mask(form);
        this.token = token2;
      }
    } catch (error) {
      if (this.token === void 0 && this.options.fallback === void 0) {
        const code = error.code ?? "unreadable";
        throw new CredentialsError(
          `${this.options.what}: ${this.options.path} cannot be read (${code}); check the path, or mount the token there`
        );
      }
    }
    const token = this.token ?? this.options.fallback;
    if (token === void 0 || token === "")
      throw new CredentialsError(`${this.options.what}: ${this.options.path} is empty`);
    return token;
  }
  async current() {
    const token = this.token !== void 0 && this.now() - this.readAt < rereadAfterMs ? this.token : await this.read();
    return { authorization: `Bearer ${token}` };
  }
  async renew(rejected) {
    const token = await this.read();
    return `Bearer ${token}` !== rejected.authorization;
  }
  kubeconfigUser() {
    return Promise.resolve({ tokenFile: this.options.path });
  }
  /** Reads the file now, so that a missing file is reported before anything else happens. */
  async check() {
    await this.read();
  }
};

// src/credentials/sources/in-cluster.ts
function inClusterAvailable(env) {
  return env.host !== void 0 && env.host !== "" && env.port !== void 0 && env.port !== "" && existsSync(join2(env.serviceAccountDir, "token"));
}
async function inClusterConnection(env, proxyEnvironment, log) {
  if (env.host === void 0 || env.host === "" || env.port === void 0 || env.port === "") {
    throw new CredentialsError(
      "auth: in-cluster needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, which Kubernetes sets in every pod; they are not set, so this runner is not a pod (use a kubeconfig or the server and token inputs)"
    );
  }
  const host = isIP(env.host) === 6 ? `[${env.host}]` : env.host;
  const server = `https://${host}:${env.port}`;
  const caPath = join2(env.serviceAccountDir, "ca.crt");
  let ca;
  try {
    ca = readFileSync(caPath, "utf8");
  } catch (error) {
    throw new CredentialsError(
      `in-cluster: the service account's CA ${caPath} cannot be read (${error.code ?? "unreadable"}); is a service account token mounted in the runner pod (automountServiceAccountToken)?`
    );
  }
  const auth = new TokenFileAuthenticator({
    path: join2(env.serviceAccountDir, "token"),
    what: "in-cluster: the service account token",
    mask: log.mask
  });
  await auth.check();
  let namespace = env.podNamespace;
  if (namespace === void 0 || namespace === "") {
    try {
      namespace = readFileSync(join2(env.serviceAccountDir, "namespace"), "utf8").trim();
    } catch {
      namespace = void 0;
    }
  }
  const proxy = proxyFromEnvironment(server, proxyEnvironment);
  return {
    server,
    tls: { ca, caSource: caPath, insecureSkipVerify: false },
    ...proxy === void 0 ? {} : { proxy },
    auth,
    source: `the pod's service account (${env.serviceAccountDir})`,
    ...namespace === void 0 || namespace === "" ? {} : { namespace },
    secrets: []
  };
}

// src/credentials/sources/kubeconfig.ts
var import_yaml3 = __toESM(require_dist(), 1);
import { readFileSync as readFileSync2 } from "node:fs";
import { resolve as resolve3 } from "node:path";

// src/credentials/authenticators/exec.ts
import { spawn } from "node:child_process";
import { isAbsolute as isAbsolute2, sep } from "node:path";

// src/credentials/references.ts
import { isAbsolute, resolve as resolve2 } from "node:path";
function referencedPath(path, what, origin) {
  if (isAbsolute(path)) return path;
  if (origin.baseDir === void 0) {
    const where = what.includes(origin.source) ? what : `${what} in ${origin.source}`;
    throw new CredentialsError(
      `${where} is the relative path "${path}": a kubeconfig given as content has no folder to resolve it from (and the workspace is what a pull request writes); give an absolute path`
    );
  }
  return resolve2(origin.baseDir, path);
}

// src/credentials/authenticators/exec.ts
var execApiVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];
function checkExecConfig(config, what) {
  if (!execApiVersions.some((v) => v === config.apiVersion)) {
    const old = config.apiVersion === "client.authentication.k8s.io/v1alpha1" ? " (v1alpha1 is no longer supported)" : "";
    throw new CredentialsError(
      `${what}: exec.apiVersion "${config.apiVersion}" is not supported${old}; use ${execApiVersions.join(" or ")}`
    );
  }
  const mode = config.interactiveMode;
  if (mode === void 0 && config.apiVersion === "client.authentication.k8s.io/v1") {
    throw new CredentialsError(
      `${what}: exec.interactiveMode is required with client.authentication.k8s.io/v1; set it to Never (CI has no terminal)`
    );
  }
  if (mode !== void 0 && !["Never", "IfAvailable", "Always"].includes(mode)) {
    throw new CredentialsError(`${what}: exec.interactiveMode "${mode}" is not Never, IfAvailable or Always`);
  }
  if (mode === "Always") {
    throw new CredentialsError(
      `${what}: the plugin "${config.command}" needs a terminal (interactiveMode: Always) and a CI job has none; use a plugin mode that logs in without prompting (interactiveMode: Never), or another credential`
    );
  }
}
function resolveCommand(command, what, origin) {
  return command.includes(sep) ? referencedPath(command, `the command of ${what}`, origin) : command;
}
function sameCredential(a, b) {
  return a.authorization === b.authorization && a.clientCertificate?.cert === b.clientCertificate?.cert;
}
var ExecAuthenticator = class {
  description;
  options;
  command;
  cached;
  running;
  constructor(options) {
    checkExecConfig(options.config, options.what);
    this.options = options;
    this.command = resolveCommand(options.config.command, options.what, options.origin);
    this.description = `the exec credential plugin ${options.config.command} (${options.config.apiVersion.replace("client.authentication.k8s.io/", "")})`;
  }
  now() {
    return (this.options.now ?? Date.now)();
  }
  async current() {
    const cached = this.cached;
    if (cached !== void 0 && (cached.expiresAt === void 0 || this.now() < cached.expiresAt.getTime()))
      return cached;
    return this.refresh();
  }
  async renew(rejected) {
    if (this.cached !== void 0 && !sameCredential(this.cached, rejected)) return true;
    this.cached = void 0;
    await this.refresh();
    return true;
  }
  /** One plugin run at a time, shared by every request waiting for it. */
  refresh() {
    this.running ??= this.run().finally(() => this.running = void 0);
    return this.running;
  }
  kubeconfigUser() {
    const { config } = this.options;
    return Promise.resolve({ exec: { ...config, command: isAbsolute2(this.command) ? this.command : config.command } });
  }
  execInfo() {
    const { config, cluster } = this.options;
    return JSON.stringify({
      apiVersion: config.apiVersion,
      kind: "ExecCredential",
      spec: { interactive: false, ...config.provideClusterInfo === true ? { cluster } : {} }
    });
  }
  async run() {
    const { config, what, log } = this.options;
    const env = { ...this.options.environment };
    for (const variable of config.env ?? []) env[variable.name] = variable.value;
    env.KUBERNETES_EXEC_INFO = this.execInfo();
    const { signal } = this.options;
    const { stdout, stderr, code, error, tooLong } = await runPlugin(this.command, config.args ?? [], env, signal);
    if (signal?.aborted === true) {
      throw new Interrupted(
        `running the exec credential plugin \`${config.command}\` (${what}; killed)`,
        `check that "${config.command}" finishes on its own without a terminal (run it by hand with KUBERNETES_EXEC_INFO set)`,
        signal.reason
      );
    }
    if (tooLong)
      throw new CredentialsError(
        `${what}: "${this.command}" printed more than ${maxStdoutBytes / 1024} KiB on stdout, far more than an ExecCredential; it was stopped`
      );
    const passThrough = () => {
      for (const line of stderr.split("\n")) if (line.trim() !== "") log.info(`  ${config.command}: ${line}`);
    };
    if (error?.code === "ENOENT") {
      const plainHint = config.installHint?.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").trim();
      const hint = plainHint === void 0 ? "" : ` ${plainHint}`;
      throw new CredentialsError(
        `${what}: the command "${this.command}" was not found (is it installed and on PATH?)${hint}`
      );
    }
    if (error !== void 0)
      throw new CredentialsError(`${what}: "${this.command}" could not be started (${error.code ?? error.message})`);
    if (code !== 0) {
      passThrough();
      throw new CredentialsError(
        `${what}: "${this.command}" failed with exit code ${code ?? "?"} (its messages are above)`
      );
    }
    try {
      return this.accept(stdout);
    } finally {
      passThrough();
    }
  }
  /** Reads the plugin's ExecCredential. Its output is never quoted: it holds the secret. */
  accept(stdout) {
    const { config, what, log } = this.options;
    let parsed;
    try {
      parsed = JSON.parse(stdout);
    } catch {
      throw new CredentialsError(`${what}: "${config.command}" did not print an ExecCredential as JSON on stdout`);
    }
    const status = parsed.status ?? {};
    for (const secret of [status.token, status.clientKeyData])
      if (typeof secret === "string") secretForms(secret).forEach((s) => log.mask(s));
    if (parsed.kind !== "ExecCredential")
      throw new CredentialsError(
        `${what}: "${config.command}" printed a ${String(parsed.kind)}, not an ExecCredential`
      );
    if (parsed.apiVersion !== config.apiVersion) {
      throw new CredentialsError(
        `${what}: "${config.command}" answered with apiVersion ${String(parsed.apiVersion)} but was asked for ${config.apiVersion}`
      );
    }
    const hasCert = typeof status.clientCertificateData === "string" && status.clientCertificateData !== "";
    const hasKey = typeof status.clientKeyData === "string" && status.clientKeyData !== "";
    if (hasCert !== hasKey)
      throw new CredentialsError(
        `${what}: "${config.command}" returned a client certificate without its key, or a key without its certificate`
      );
    const hasToken = typeof status.token === "string" && status.token !== "";
    if (!hasToken && !hasCert)
      throw new CredentialsError(`${what}: "${config.command}" returned neither a token nor a client certificate`);
    let expiresAt;
    if (status.expirationTimestamp !== void 0) {
      expiresAt = new Date(status.expirationTimestamp);
      if (Number.isNaN(expiresAt.getTime()))
        throw new CredentialsError(`${what}: "${config.command}" returned an expirationTimestamp that is not RFC 3339`);
    }
    const credential = {
      ...hasToken ? { authorization: `Bearer ${status.token ?? ""}` } : {},
      ...hasCert ? { clientCertificate: { cert: status.clientCertificateData ?? "", key: status.clientKeyData ?? "" } } : {},
      ...expiresAt === void 0 ? {} : { expiresAt }
    };
    this.cached = credential;
    return credential;
  }
};
var maxStdoutBytes = 1024 * 1024;
var maxStderrBytes = 64 * 1024;
var killGraceMs = 2e3;
var running = /* @__PURE__ */ new Set();
var exitHooked = false;
function signalGroup(pid, name) {
  try {
    process.kill(-pid, name);
  } catch {
  }
}
function killRunningOnExit() {
  for (const pid of running) signalGroup(pid, "SIGKILL");
}
function stop(pid) {
  signalGroup(pid, "SIGTERM");
  setTimeout(() => {
    signalGroup(pid, "SIGKILL");
    running.delete(pid);
  }, killGraceMs).unref();
}
function runPlugin(command, args, env, signal) {
  return new Promise((done) => {
    if (signal?.aborted === true) return done({ stdout: "", stderr: "", code: null, tooLong: false });
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const pid = child.pid;
    if (pid !== void 0) {
      if (!exitHooked) process.on("exit", killRunningOnExit);
      exitHooked = true;
      running.add(pid);
    }
    const out = [];
    let outBytes = 0;
    let errors = "";
    let tooLong = false;
    let stopped = false;
    let finished = false;
    const halt = () => {
      if (stopped || pid === void 0) return;
      stopped = true;
      stop(pid);
      child.stdout.destroy();
      child.stderr.destroy();
      finish(null);
    };
    child.stdout.on("data", (chunk) => {
      outBytes += chunk.length;
      if (outBytes <= maxStdoutBytes) out.push(chunk);
      else {
        tooLong = true;
        halt();
      }
    });
    child.stderr.on("data", (chunk) => {
      if (errors.length < maxStderrBytes) errors += chunk.toString("utf8").slice(0, maxStderrBytes - errors.length);
    });
    signal?.addEventListener("abort", halt, { once: true });
    const finish = (code, error) => {
      if (finished) return;
      finished = true;
      signal?.removeEventListener("abort", halt);
      if (pid !== void 0 && !stopped) running.delete(pid);
      const stdout = Buffer.concat(out).toString("utf8");
      done({ stdout, stderr: errors, code, tooLong, ...error === void 0 ? {} : { error } });
    };
    child.on("error", (e) => finish(null, e));
    child.on("close", (exit) => finish(exit));
  });
}

// src/credentials/sources/kubeconfig.ts
var clusterFields = {
  server: "string",
  "certificate-authority": "string",
  "certificate-authority-data": "string",
  "insecure-skip-tls-verify": "boolean",
  "tls-server-name": "string",
  "proxy-url": "string",
  "disable-compression": "boolean",
  extensions: "array"
};
var userFields = {
  token: "string",
  tokenFile: "string",
  "client-certificate": "string",
  "client-certificate-data": "string",
  "client-key": "string",
  "client-key-data": "string",
  username: "string",
  password: "string",
  as: "string",
  "as-uid": "string",
  "as-groups": "string[]",
  exec: "object",
  "auth-provider": "object"
};
var execFields = {
  apiVersion: "string",
  command: "string",
  args: "string[]",
  env: "array",
  installHint: "string",
  provideClusterInfo: "boolean",
  interactiveMode: "string"
};
var contextFields = { cluster: "string", user: "string", namespace: "string" };
function typeOk(value, type) {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
  }
}
var article = (type) => ({
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
  "string[]": "a list of strings"
})[type];
function checkFields(value, fields, path, origin) {
  if (!typeOk(value, "object")) throw new CredentialsError(`${origin.source} is malformed: ${path} must be a mapping`);
  for (const [field, type] of Object.entries(fields)) {
    const fieldValue = value[field];
    if (fieldValue !== void 0 && fieldValue !== null && !typeOk(fieldValue, type)) {
      throw new CredentialsError(`${origin.source} is malformed: ${path}.${field} must be ${article(type)}`);
    }
  }
}
function readSection(parsed, list2, section, fields, origin) {
  const entries = parsed[list2] ?? [];
  if (!Array.isArray(entries)) throw new CredentialsError(`${origin.source} is malformed: ${list2} must be a list`);
  const map = /* @__PURE__ */ new Map();
  entries.forEach((item, index) => {
    const path = `${list2}[${index}]`;
    const name = item?.name;
    if (typeof name !== "string" || name === "")
      throw new CredentialsError(`${origin.source} is malformed: ${path}.name must be a non-empty string`);
    const entry = item[section] ?? {};
    checkFields(entry, fields, `${path}.${section}`, origin);
    if (section === "user" && entry.exec !== void 0)
      checkFields(entry.exec, execFields, `${path}.user.exec`, origin);
    if (!map.has(name)) map.set(name, { entry, origin });
  });
  return map;
}
function parseKubeconfig(text, origin) {
  let parsed;
  try {
    parsed = (0, import_yaml3.parse)(text);
  } catch (error) {
    const where = error instanceof import_yaml3.YAMLParseError && error.linePos !== void 0 ? ` at line ${error.linePos[0].line}` : "";
    throw new CredentialsError(`${origin.source} is not valid YAML${where}`);
  }
  if (parsed === null || parsed === void 0) parsed = {};
  if (typeof parsed !== "object" || Array.isArray(parsed))
    throw new CredentialsError(`${origin.source} is not a kubeconfig (it is not a mapping)`);
  const config = parsed;
  const current = config["current-context"];
  if (current !== void 0 && current !== null && typeof current !== "string")
    throw new CredentialsError(`${origin.source} is malformed: current-context must be a string`);
  return {
    source: origin.source,
    clusters: readSection(config, "clusters", "cluster", clusterFields, origin),
    users: readSection(config, "users", "user", userFields, origin),
    contexts: readSection(config, "contexts", "context", contextFields, origin),
    currentContext: typeof current === "string" && current !== "" ? current : void 0
  };
}
function readKubeconfigFile(path) {
  let text;
  try {
    text = readFileSync2(path, "utf8");
  } catch (error) {
    throw new CredentialsError(
      `the kubeconfig ${path} cannot be read (${error.code ?? "unreadable"})`
    );
  }
  return parseKubeconfig(text, { source: path, baseDir: resolve3(path, "..") });
}
function mergeKubeconfigs(configs, source) {
  const merged = {
    source,
    clusters: /* @__PURE__ */ new Map(),
    users: /* @__PURE__ */ new Map(),
    contexts: /* @__PURE__ */ new Map(),
    currentContext: void 0
  };
  for (const config of configs) {
    for (const list2 of ["clusters", "users", "contexts"]) {
      const target = merged[list2];
      for (const [name, located] of config[list2]) if (!target.has(name)) target.set(name, located);
    }
    merged.currentContext ??= config.currentContext;
  }
  return merged;
}
function lookup(map, name, what, config, fix) {
  const found = map.get(name);
  if (found !== void 0) return found;
  const known = [...map.keys()].join(", ") || "none";
  throw new CredentialsError(`${what} "${name}" is not defined in ${config.source} (defined: ${known}); ${fix}`);
}
function readReferenced(path, what, origin) {
  const file = referencedPath(path, what, origin);
  try {
    return readFileSync2(file, "utf8");
  } catch (error) {
    const code = error.code ?? "unreadable";
    throw new CredentialsError(`${what} file ${file} named in ${origin.source} cannot be read (${code})`);
  }
}
function decodeData(data, what, origin) {
  const decoded = Buffer.from(data, "base64").toString("utf8");
  if (!decoded.includes("-----BEGIN"))
    throw new CredentialsError(`${origin.source} is malformed: ${what} is not base64 of a PEM block`);
  return decoded;
}
function pemFrom(entry, field, where, origin) {
  const data = entry[`${field}-data`];
  if (data !== void 0) return decodeData(data, `${where}.${field}-data`, origin);
  const path = entry[field];
  return path === void 0 ? void 0 : readReferenced(path, `${where}.${field}`, origin);
}
var authProviderReplacements = {
  gcp: "gke-gcloud-auth-plugin (exec plugin), or auth: gcp",
  azure: "kubelogin (exec plugin, `kubelogin convert-kubeconfig`), or auth: azure",
  oidc: "an OIDC exec plugin such as kubelogin (`kubectl oidc-login`), or auth: github-oidc"
};
function clusterTls(cluster, where, origin, options) {
  if (cluster.server === void 0 || cluster.server === "") {
    throw new CredentialsError(`${where} in ${origin.source} has no server: set its server URL`);
  }
  let url;
  try {
    url = new URL(cluster.server);
  } catch {
    throw new CredentialsError(`${origin.source} is malformed: ${where}.server is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new CredentialsError(`${origin.source} is malformed: ${where}.server must be an https:// URL`);
  const ca = pemFrom(cluster, "certificate-authority", where, origin);
  const insecure = cluster["insecure-skip-tls-verify"] === true;
  if (insecure && ca !== void 0) {
    throw new CredentialsError(
      `${where} in ${origin.source} sets both a certificate-authority and insecure-skip-tls-verify: remove one of them`
    );
  }
  const server = cluster.server.replace(/\/+$/, "");
  const proxyUrl = cluster["proxy-url"];
  return {
    server,
    ca,
    caSource: ca === void 0 ? void 0 : `the certificate-authority${cluster["certificate-authority-data"] === void 0 ? "" : "-data"} of ${where} in ${origin.source}`,
    serverName: cluster["tls-server-name"],
    insecureSkipVerify: insecure,
    proxy: proxyUrl !== void 0 ? checkProxyUrl(proxyUrl, `${where}.proxy-url in ${origin.source}`) : proxyFromEnvironment(server, options.proxyEnvironment),
    disableCompression: cluster["disable-compression"] === true
  };
}
function execClusterInfo(cluster, tls) {
  const extension = cluster.extensions?.find((e) => e.name === "client.authentication.k8s.io/exec")?.extension;
  return {
    server: tls.server,
    ...tls.serverName === void 0 ? {} : { "tls-server-name": tls.serverName },
    ...tls.insecureSkipVerify ? { "insecure-skip-tls-verify": true } : {},
    ...tls.ca === void 0 ? {} : { "certificate-authority-data": Buffer.from(tls.ca).toString("base64") },
    ...cluster["proxy-url"] === void 0 ? {} : { "proxy-url": cluster["proxy-url"] },
    ...tls.disableCompression ? { "disable-compression": true } : {},
    ...extension === void 0 ? {} : { config: extension }
  };
}
function userAuthenticator(user, userName, origin, execCluster, options) {
  const where = `user "${userName}" in ${origin.source}`;
  const provider = user["auth-provider"];
  if (provider !== void 0) {
    const name = provider.name ?? "";
    const replacement = authProviderReplacements[name] ?? "the exec credential plugin its vendor provides";
    throw new CredentialsError(
      `${where} uses the removed auth-provider "${name}": kubectl no longer supports it; use ${replacement} instead`
    );
  }
  if (user.tokenFile !== void 0) {
    const path = referencedPath(user.tokenFile, `the tokenFile of ${where}`, origin);
    return new TokenFileAuthenticator({
      path,
      ...user.token === void 0 ? {} : { fallback: user.token },
      what: `the tokenFile of ${where}`,
      mask: options.log.mask
    });
  }
  if (user.token !== void 0) return bearerToken(user.token);
  if (user.username !== void 0 || user.password !== void 0) {
    const basic = Buffer.from(`${user.username ?? ""}:${user.password ?? ""}`).toString("base64");
    options.log.mask(basic);
    const stanza = {
      ...user.username === void 0 ? {} : { username: user.username },
      ...user.password === void 0 ? {} : { password: user.password }
    };
    return staticAuthenticator(
      { authorization: `Basic ${basic}` },
      stanza,
      "basic authentication (username and password)"
    );
  }
  if (user.exec !== void 0) {
    return new ExecAuthenticator({
      config: user.exec,
      what: `the exec plugin of ${where}`,
      origin,
      cluster: execCluster(),
      environment: options.pluginEnvironment,
      log: options.log,
      ...options.signal === void 0 ? {} : { signal: options.signal }
    });
  }
  return noAuthentication;
}
function connectionFromKubeconfig(config, options) {
  const name = options.context ?? config.currentContext;
  if (name === void 0) {
    throw new CredentialsError(
      `${config.source} has no current-context: set the context input to one of ${[...config.contexts.keys()].join(", ") || "(none defined)"}`
    );
  }
  const context = lookup(
    config.contexts,
    name,
    "context",
    config,
    "set the context input to one of the defined contexts"
  );
  const clusterName = context.entry.cluster;
  if (clusterName === void 0 || clusterName === "")
    throw new CredentialsError(`context "${name}" in ${context.origin.source} names no cluster`);
  const cluster = lookup(config.clusters, clusterName, "cluster", config, `fix context "${name}"`);
  const userName = context.entry.user;
  const user = userName === void 0 || userName === "" ? void 0 : lookup(config.users, userName, "user", config, `fix context "${name}"`);
  const tls = clusterTls(cluster.entry, `cluster "${clusterName}"`, cluster.origin, options);
  const entry = user?.entry ?? {};
  const userOrigin = user?.origin ?? cluster.origin;
  const where = `user "${userName ?? ""}"`;
  const cert = pemFrom(entry, "client-certificate", where, userOrigin);
  const key = pemFrom(entry, "client-key", where, userOrigin);
  if (cert === void 0 !== (key === void 0)) {
    throw new CredentialsError(
      `${where} in ${userOrigin.source} has a client certificate without its key, or a key without its certificate`
    );
  }
  const secrets = [
    ...entry["client-key-data"] === void 0 ? [] : [entry["client-key-data"]],
    ...key === void 0 ? [] : pemSecretLines(key),
    ...[entry.token, entry.password].flatMap((s) => s === void 0 ? [] : secretForms(s))
  ];
  const userAuth = userAuthenticator(
    entry,
    userName ?? "",
    userOrigin,
    () => execClusterInfo(cluster.entry, tls),
    options
  );
  const auth = userAuth === noAuthentication && cert !== void 0 ? staticAuthenticator({}, {}, "a client certificate") : userAuth;
  const groups = entry["as-groups"] ?? [];
  return {
    server: tls.server,
    tls: {
      ...tls.ca === void 0 ? {} : { ca: tls.ca },
      ...tls.caSource === void 0 ? {} : { caSource: tls.caSource },
      ...cert === void 0 ? {} : { cert },
      ...key === void 0 ? {} : { key },
      ...tls.serverName === void 0 ? {} : { serverName: tls.serverName },
      insecureSkipVerify: tls.insecureSkipVerify
    },
    ...tls.proxy === void 0 ? {} : { proxy: tls.proxy },
    ...tls.disableCompression ? { disableCompression: true } : {},
    auth,
    ...entry.as === void 0 ? {} : {
      impersonate: { user: entry.as, groups, ...entry["as-uid"] === void 0 ? {} : { uid: entry["as-uid"] } }
    },
    source: config.source,
    context: name,
    ...context.entry.namespace === void 0 || context.entry.namespace === "" ? {} : { namespace: context.entry.namespace },
    secrets
  };
}

// src/credentials/sources/oidc.ts
function exportedUser(settings, provider, cache, log) {
  let warned = false;
  return async (current) => {
    if (settings.containerJob) {
      if (!warned) {
        log.warning(
          `the kubeconfig for later steps holds a token that expires at ${current.expiresAt.toISOString()}: in a container job later steps cannot run kubeship's credential plugin to renew it; deploy in one step, or run the job outside a container`
        );
        warned = true;
      }
      return { token: current.token };
    }
    await writeCache(cache, current);
    return credentialPluginUser({ provider, cache });
  };
}
async function cloudCluster(settings, provider, log, signal) {
  const access = await lookUpCluster(provider, {
    idTokenRequest: settings.idTokenRequest,
    proxyEnvironment: settings.proxyEnvironment,
    mask: log.mask,
    ...signal === void 0 ? {} : { signal }
  });
  if (access === void 0) return void 0;
  const proxy = proxyFromEnvironment(access.server, settings.proxyEnvironment);
  return {
    server: access.server,
    tls: {
      ...access.ca === void 0 ? {} : { ca: access.ca, caSource: `the CA from ${access.source}` },
      insecureSkipVerify: false
    },
    ...proxy === void 0 ? {} : { proxy },
    auth: noAuthentication,
    source: access.source,
    secrets: []
  };
}
function oidcConnection(settings, provider, cluster, log, signal, fileId) {
  const context = {
    idTokenRequest: settings.idTokenRequest,
    proxyEnvironment: settings.proxyEnvironment,
    mask: log.mask,
    ...signal === void 0 ? {} : { signal }
  };
  const cache = cacheFile(settings.runnerTemp, fileId ?? newFileId());
  const exported = exportedUser(settings, provider, cache, log);
  const { cert: _cert, key: _key, ...tls } = cluster.tls;
  const { impersonate: _impersonate, ...rest } = cluster;
  return {
    ...rest,
    tls,
    auth: new RenewingTokenAuthenticator({
      description: describeProvider(provider),
      obtain: () => obtainClusterToken(provider, context),
      exported,
      rejected: (token) => rejectionCauses(provider, token),
      info: (message) => log.info(message)
    }),
    source: `auth: ${provider.method} (cluster from ${cluster.source})`,
    secrets: cluster.secrets
  };
}

// src/credentials/index.ts
function kubeconfigFromFiles(settings, log) {
  if (settings.kubeconfigPaths.length > 0) {
    const present = settings.kubeconfigPaths.filter((path) => existsSync2(path));
    if (present.length === 0) {
      log.warning(`none of the files in KUBECONFIG exist (${settings.kubeconfigPaths.join(", ")})`);
      return void 0;
    }
    return mergeKubeconfigs(
      present.map(readKubeconfigFile),
      present.length === 1 ? `KUBECONFIG (${present[0] ?? ""})` : `KUBECONFIG (${present.join(", ")})`
    );
  }
  if (existsSync2(settings.defaultKubeconfigPath)) {
    const config = readKubeconfigFile(settings.defaultKubeconfigPath);
    return { ...config, source: settings.defaultKubeconfigPath };
  }
  return void 0;
}
async function baseConnection(settings, log, signal, fileId) {
  const options = {
    context: settings.context,
    proxyEnvironment: settings.proxyEnvironment,
    pluginEnvironment: settings.pluginEnvironment,
    log,
    signal
  };
  if (settings.oidc !== void 0) {
    if (settings.idTokenRequest !== void 0) secretForms(settings.idTokenRequest.token).forEach((s) => log.mask(s));
    const cluster = settings.direct !== void 0 ? directConnection(settings.direct, settings.proxyEnvironment) : settings.kubeconfig !== void 0 ? connectionFromKubeconfig(parseKubeconfig(settings.kubeconfig, { source: "the kubeconfig input" }), options) : await cloudCluster(settings, settings.oidc, log, signal);
    if (cluster === void 0)
      throw new CredentialsError(
        `auth: ${settings.oidc.method}: the cluster's address is not known; give server and certificate-authority-data`
      );
    return oidcConnection(settings, settings.oidc, cluster, log, signal, fileId);
  }
  if (settings.direct !== void 0) return directConnection(settings.direct, settings.proxyEnvironment);
  if (settings.kubeconfig !== void 0) {
    const config2 = parseKubeconfig(settings.kubeconfig, { source: "the kubeconfig input" });
    return connectionFromKubeconfig(config2, options);
  }
  if (settings.auth === "in-cluster") return inClusterConnection(settings.inCluster, settings.proxyEnvironment, log);
  const config = kubeconfigFromFiles(settings, log);
  if (config !== void 0) return connectionFromKubeconfig(config, options);
  if (settings.auth === "auto" && inClusterAvailable(settings.inCluster)) {
    return inClusterConnection(settings.inCluster, settings.proxyEnvironment, log);
  }
  throw new CredentialsError(
    "no cluster credentials: set the kubeconfig input (for example `kubeconfig: ${{ secrets.KUBECONFIG }}`), the server and token inputs, or KUBECONFIG for the step" + (settings.auth === "auto" ? "; nor is this runner a pod with a service account (in-cluster)" : "")
  );
}
async function resolveConnection(settings, log, signal, fileId) {
  const connection = await baseConnection(settings, log, signal, fileId);
  const proxyPassword = connection.proxy === void 0 ? "" : new URL(connection.proxy).password;
  const secrets = proxyPassword === "" ? connection.secrets : [...connection.secrets, proxyPassword, decodeURIComponent(proxyPassword)];
  for (const secret of new Set(secrets)) log.mask(secret);
  const server = URL.canParse(connection.server) ? new URL(connection.server) : void 0;
  if (server !== void 0 && (server.username !== "" || server.password !== "")) {
    for (const part of [server.username, server.password]) if (part !== "") log.mask(decodeURIComponent(part));
    throw new CredentialsError(
      `the server URL from ${connection.source} carries a user name or password (${redactUrl(connection.server)}): give the credentials in the kubeconfig's user entry or the token input, and the server as https://host:port`
    );
  }
  if (connection.server.toLowerCase().startsWith("http://")) {
    if (!settings.allowPlainHttp) {
      throw new CredentialsError(
        `the server ${connection.server} (from ${connection.source}) is plain HTTP: the credentials would cross the network in clear. Use its https:// address, or set allow-plain-http: true for a server that only listens on a trusted local network`
      );
    }
    log.warning(
      `${connection.server} is plain HTTP (allow-plain-http: true): the credentials cross the network in clear`
    );
  }
  if (connection.tls.insecureSkipVerify) {
    log.warning(
      `TLS verification of ${connection.server} is off (insecure-skip-tls-verify in ${connection.source}): anyone on the path can read the credentials; set certificate-authority-data instead`
    );
  }
  return connection;
}
function applyImpersonation(connection, settings) {
  if (settings.impersonate === void 0) return connection;
  const { user, groups, uid } = settings.impersonate;
  return { ...connection, impersonate: { user, groups, ...uid === void 0 ? {} : { uid } } };
}
function deployingConnection(settings, connection, client, log) {
  const account = settings.serviceAccount;
  return applyImpersonation(
    account === void 0 ? connection : serviceAccountConnection(connection, client, account, log),
    settings
  );
}

// src/pipeline/connect.ts
function describeIdentity(identity) {
  if (identity === void 0) return "an identity the server did not name";
  const groups = identity.groups.filter((g) => g !== "system:authenticated");
  return `${identity.username}${groups.length === 0 ? "" : ` (groups ${groups.join(", ")})`}`;
}
var connectOverHttps = async (settings, log, options = {}) => {
  const { signal } = options;
  const kubeconfigPath = options.kubeconfigPath ?? transientKubeconfigPath(settings.runnerTemp);
  const base = await resolveConnection(settings, log, signal, fileIdOf(kubeconfigPath));
  const clientOptions = signal === void 0 ? {} : { signal };
  const baseClient = new KubeClient(base, clientOptions);
  const connection = deployingConnection(settings, base, baseClient, log);
  const client = new KubeClient(connection, clientOptions);
  let exported;
  let identifying;
  const identify = () => identifying ??= whoAmI(client, connection, signal);
  return {
    client,
    server: base.server,
    context: base.context,
    namespace: base.namespace,
    get requestCount() {
      return client.requestCount;
    },
    get requests() {
      return client.trace.records;
    },
    identify,
    async introduce(defaultNamespace) {
      const identity = await identify();
      const impersonating = connection.impersonate === void 0 ? "" : `, impersonating ${connection.impersonate.user}`;
      const proxy = connection.proxy === void 0 ? "" : `, through the proxy ${redactUrl(connection.proxy)}`;
      const auth = `${connection.auth.description}${impersonating}${proxy}`;
      const credentials = `credentials from ${connection.source}: ${auth}`;
      log.info(`Cluster ${connection.server} (context ${base.context ?? "none"}, ${credentials})`);
      log.info(`Deploying as ${describeIdentity(identity)}`);
      if (!settings.exportKubeconfig) return { identity };
      exported = await writeTransientKubeconfig(kubeconfigPath, connection, defaultNamespace);
      const until = exported.renewsItself ? "with a fresh credential from its plugin whenever a later step needs one" : exported.expiresAt === void 0 ? "as long as its credential is valid" : `until ${exported.expiresAt.toISOString()}`;
      const actsAs = `${identity?.username ?? "the same identity"}${impersonating}`;
      log.info(`Wrote the kubeconfig for later steps to ${exported.path} (mode 0600): it acts as ${actsAs}, ${until}`);
      return { identity, kubeconfigPath: exported.path };
    },
    async close() {
      const renewed = await exported?.refresh().catch(
        (error) => log.warning(`the kubeconfig for later steps could not be renewed: ${String(error)}`)
      );
      if (renewed?.expiresAt !== void 0) {
        log.info(
          `Renewed the credential in the kubeconfig for later steps: valid until ${renewed.expiresAt.toISOString()}`
        );
      }
      await Promise.all([client.close(), baseClient.close()]);
    }
  };
};

// src/manifests/images.ts
function repositoryOf(image) {
  const withoutDigest = image.split("@")[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf("/");
  const lastColon = withoutDigest.lastIndexOf(":");
  return lastColon > lastSlash ? withoutDigest.slice(0, lastColon) : withoutDigest;
}
function podSpecs(object) {
  const spec = object.spec;
  const found = [
    object.kind === "Pod" ? object.spec : void 0,
    object.kind === "PodTemplate" ? object.template?.spec : void 0,
    spec?.template?.spec,
    spec?.jobTemplate?.spec?.template?.spec
  ];
  return found.filter((s) => s !== void 0 && typeof s === "object");
}
function overrideImages(objects, overrides) {
  if (overrides.length === 0) return { objects: [...objects], unused: [] };
  const used = /* @__PURE__ */ new Set();
  const result = objects.map((item) => {
    const object = structuredClone(item.object);
    for (const podSpec of podSpecs(object)) {
      for (const container of [
        ...podSpec.containers ?? [],
        ...podSpec.initContainers ?? [],
        ...podSpec.ephemeralContainers ?? []
      ]) {
        if (container.image === void 0) continue;
        const override = overrides.find((o) => o.name === repositoryOf(container.image ?? ""));
        if (override === void 0) continue;
        container.image = override.reference;
        used.add(override);
      }
    }
    return { ...item, object };
  });
  return { objects: result, unused: overrides.filter((o) => !used.has(o)) };
}

// src/pipeline/load.ts
function maskSecretValues(objects, log) {
  for (const { object } of objects) for (const form of secretValueForms(object)) log.mask(form);
}
async function load(settings, log) {
  const loaded = await loadManifests(settings.manifests, settings.workspace);
  maskSecretValues(loaded, log);
  const { objects, unused } = overrideImages(loaded, settings.images);
  for (const override of unused) {
    log.warning(`images: ${override.name}=${override.reference} matched no container image in the manifests`);
  }
  log.info(`Read ${objects.length} objects from ${settings.manifests.join(", ")}`);
  return objects;
}

// src/pipeline/plan.ts
function ask(ctx, settings, defaultNamespace) {
  const { client, signal } = ctx;
  const parent = settings.applyset === void 0 ? void 0 : applySetParent(settings.applyset, defaultNamespace);
  const membership = parent === void 0 ? void 0 : readMembership(client, parent, signal);
  const mapper = discover(client, signal);
  for (const pending of [membership, mapper]) pending?.catch(() => void 0);
  return { parent, membership, mapper };
}
async function plan(ctx, objects, settings, defaultNamespace, asked) {
  const { client, log, signal } = ctx;
  const { parent } = asked;
  if (parent !== void 0 && settings.prune && objects.length === 0) {
    const set = settings.applyset ?? "";
    throw new ApplySetError(
      `the manifests hold no objects: pruning ApplySet ${set} would delete all of its members, so kubeship refuses (remove prune to apply nothing)`
    );
  }
  const mapper = await asked.mapper;
  const options = {
    defaultNamespace,
    ...parent === void 0 ? {} : { labels: { [partOfLabel]: parent.id } }
  };
  const plan2 = planApply(objects, mapper, options);
  for (const warning of plan2.warnings) log.warning(warning.message, warning.source);
  const previous2 = await asked.membership;
  const live = readsAhead(client, plan2, settings.mode === "plan", signal);
  const applyset = parent === void 0 || previous2 === void 0 ? void 0 : { parent, previous: previous2 };
  return { plan: plan2, options, mapper, applyset, live };
}

// src/apply/permissions.ts
import { createHash as createHash2 } from "node:crypto";
function scoped(namespaced, namespace) {
  return namespaced && namespace !== void 0 ? { namespace } : {};
}
function requiredPermissions(targets) {
  const rows = /* @__PURE__ */ new Map();
  const add = (row) => {
    const key = rowKey(row);
    if (!rows.has(key)) rows.set(key, row);
  };
  const where = ({ mapping, ref }) => ({
    group: mapping.group,
    resource: mapping.resource,
    ...scoped(mapping.namespaced, ref.namespace)
  });
  const perCollection = /* @__PURE__ */ new Map();
  for (const target of targets.objects) {
    const key = rowKey({ verb: "", ...where(target) });
    perCollection.set(key, (perCollection.get(key) ?? 0) + 1);
  }
  for (const target of targets.objects) {
    const members = perCollection.get(rowKey({ verb: "", ...where(target) })) ?? 0;
    const listed = targets.readsByList?.(target.mapping, members) ?? false;
    if (listed) add({ verb: "list", ...where(target), neededFor: "apply" });
    else add({ verb: "get", ...where(target), name: target.ref.name, neededFor: "apply" });
    add({ verb: "patch", ...where(target), name: target.ref.name, neededFor: "apply" });
    add({ verb: "create", ...where(target), neededFor: "apply" });
  }
  for (const target of targets.recreate ?? [])
    add({ verb: "delete", ...where(target), name: target.ref.name, neededFor: "recreate" });
  for (const target of targets.waitFor ?? []) {
    for (const access of target.access) add(accessRow(target, access));
  }
  if (targets.applyset !== void 0) {
    const { namespace, name } = targets.applyset;
    for (const verb of ["get", "patch"])
      add({ verb, group: "", resource: "secrets", namespace, name, neededFor: "applyset" });
    add({ verb: "create", group: "", resource: "secrets", namespace, neededFor: "applyset" });
  }
  for (const target of targets.prune ?? []) {
    for (const verb of ["list", "delete"]) add({ verb, ...target, neededFor: "prune" });
  }
  return [...rows.values()];
}
function accessRow({ mapping, ref }, access) {
  const { verb, neededFor } = access;
  const fallback = access.fallback === void 0 ? {} : { fallback: access.fallback };
  const own = { group: mapping.group, resource: mapping.resource, ...scoped(mapping.namespaced, ref.namespace) };
  if (access.on === "object") return { verb, ...own, name: ref.name, neededFor, ...fallback };
  if (access.on === "collection") return { verb, ...own, neededFor, ...fallback };
  const namespace = mapping.namespaced ? ref.namespace ?? "default" : "default";
  return { verb, group: access.group ?? "", resource: access.resource ?? "", namespace, neededFor, ...fallback };
}
function rowKey(row) {
  return [row.verb, row.group, row.resource, row.subresource ?? "", row.namespace ?? "", row.name ?? ""].join("\0");
}
async function missingPermissions(client, rows, options = {}) {
  const collections = /* @__PURE__ */ new Map();
  for (const row of rows) {
    const { name: _name, ...collection } = row;
    const key = rowKey(collection);
    collections.set(key, [...collections.get(key) ?? [], row]);
  }
  const limit = limiter(options.concurrency ?? 16);
  const review = (row) => limit(async () => {
    const resourceAttributes = {
      verb: row.verb,
      group: row.group,
      resource: row.resource,
      subresource: row.subresource,
      namespace: row.namespace,
      name: row.name
    };
    const body = JSON.stringify({
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      spec: { resourceAttributes }
    });
    const answer = await client.request(
      "POST",
      "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      {
        body,
        contentType: "application/json",
        ...options.signal === void 0 ? {} : { signal: options.signal }
      }
    );
    return answer.body.status;
  });
  const denied = (status, row) => {
    if (status?.allowed === true) return [];
    const detail = status?.reason || status?.evaluationError;
    return [{ ...row, ...detail ? { detail } : {} }];
  };
  const missing = await Promise.all(
    [...collections.values()].map(async (group) => {
      const [first] = group;
      if (first === void 0) return [];
      const { name: _name, ...collection } = first;
      const whole = await review(collection);
      if (whole?.allowed === true) return [];
      const fallback = first.fallback === void 0 ? void 0 : await review({ ...collection, ...first.fallback });
      if (fallback?.allowed === true) return [];
      if (group.every((row) => row.name === void 0)) return denied(whole, collection);
      return (await Promise.all(group.map(async (row) => denied(await review(row), row)))).flat();
    })
  );
  return missing.flat();
}
function unverifiableNamespaceRows(namespaces) {
  return namespaces.map((name) => ({
    verb: "get",
    group: "",
    resource: "namespaces",
    name,
    neededFor: "namespace check",
    detail: "cannot check that it exists"
  }));
}
function subjectOf(username) {
  const parts = username.split(":");
  if (parts.length === 4 && parts[0] === "system" && parts[1] === "serviceaccount" && parts[2] && parts[3]) {
    return { kind: "ServiceAccount", name: parts[3], namespace: parts[2] };
  }
  return { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: username };
}
function policyRules(rows) {
  const verbs = /* @__PURE__ */ new Map();
  for (const row of rows) {
    const resource = row.subresource === void 0 ? row.resource : `${row.resource}/${row.subresource}`;
    const key = [row.group, resource, row.name ?? ""].join("\0");
    const name = row.name === void 0 ? {} : { name: row.name };
    const entry = verbs.get(key) ?? { group: row.group, resource, ...name, verbs: /* @__PURE__ */ new Set() };
    entry.verbs.add(row.verb);
    verbs.set(key, entry);
  }
  const rules = /* @__PURE__ */ new Map();
  for (const entry of verbs.values()) {
    const sorted = [...entry.verbs].sort();
    const key = [entry.group, entry.resource, sorted.join(","), entry.name === void 0 ? "*" : ""].join("\0");
    const rule = rules.get(key) ?? { apiGroups: [entry.group], resources: [entry.resource], verbs: sorted };
    if (entry.name !== void 0) rule.resourceNames = [...rule.resourceNames ?? [], entry.name];
    rules.set(key, rule);
  }
  return [...rules.values()];
}
function grantObjects(rows, username) {
  const byNamespace = /* @__PURE__ */ new Map();
  for (const row of rows) byNamespace.set(row.namespace, [...byNamespace.get(row.namespace) ?? [], row]);
  const subject = username === void 0 ? void 0 : subjectOf(username);
  const scopes = [...byNamespace].sort(([a], [b]) => (a ?? "").localeCompare(b ?? ""));
  const digest = createHash2("sha256").update(JSON.stringify({ username, scopes: scopes.map(([namespace, r]) => [namespace, policyRules(r)]) })).digest("hex").slice(0, 10);
  const name = `kubeship-deploy-${digest}`;
  const rbac = "rbac.authorization.k8s.io/v1";
  return scopes.flatMap(([namespace, scoped2]) => {
    const role = namespace === void 0 ? "ClusterRole" : "Role";
    const metadata = { name, ...namespace === void 0 ? {} : { namespace } };
    const roleObject = { apiVersion: rbac, kind: role, metadata, rules: policyRules(scoped2) };
    if (subject === void 0) return [roleObject];
    const binding = {
      apiVersion: rbac,
      kind: `${role}Binding`,
      metadata,
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: role, name },
      subjects: [subject]
    };
    return [roleObject, binding];
  });
}

// src/apply/validate.ts
async function checkAgainstCluster(client, plan2, signal) {
  const result = { problems: [], unverifiable: [] };
  await Promise.all(
    namespacesNeeded(plan2).map(async ({ namespace, first }) => {
      try {
        const found = await client.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}`, signal ? { signal } : {});
        if (found === void 0) {
          result.problems.push({
            source: first.source,
            message: `${describeRef(first.ref)}: namespace "${namespace}" does not exist and is not in the manifests (create it, add a Namespace manifest, or set the namespace input)`
          });
        }
      } catch (error) {
        if (error instanceof KubeApiError && error.code === 403) result.unverifiable.push(namespace);
        else throw error;
      }
    })
  );
  result.problems.sort(
    (a, b) => (a.source?.file ?? "").localeCompare(b.source?.file ?? "") || (a.source?.line ?? 0) - (b.source?.line ?? 0)
  );
  return result;
}

// src/pipeline/preflight.ts
var reviewsInFlight = 96;
function pruneTargets(membership, parentNamespace, mapper) {
  const namespaces = [.../* @__PURE__ */ new Set([parentNamespace, ...membership.namespaces])];
  return membership.groupKinds.flatMap((gk) => {
    const [kind = "", ...group] = gk.split(".");
    const mapping = mapper.findGroupKind(group.join("."), kind);
    if (mapping === void 0) return [];
    const where = { group: mapping.group, resource: mapping.resource };
    return mapping.namespaced ? namespaces.map((namespace) => ({ ...where, namespace })) : [where];
  });
}
function runTargets(planned, settings) {
  const objects = plannedObjects(planned.plan);
  const needed = new Set(crdsNeeded(objects));
  const { applyset } = planned;
  return {
    objects,
    readsByList,
    recreate: objects.filter((o) => o.object.metadata.annotations?.[recreateAnnotation] === "true"),
    // CRDs whose kinds the set uses and APIServices are waited for before what needs them even
    // without `wait`; what each wait (and rollback) requests comes from the kind table
    waitFor: objects.flatMap((o) => {
      const skipped = o.object.metadata.annotations?.[waitAnnotation] === "false";
      const waited = settings.wait && !skipped || needed.has(o) || isApiService(o);
      const rollback = settings.wait && settings.rollbackOnFailure;
      return waited ? [{ ...o, access: waitAccess(o.mapping.group, o.mapping.kind, { rollback }) }] : [];
    }),
    ...applyset === void 0 ? {} : { applyset: { namespace: applyset.parent.namespace, name: applyset.parent.name } },
    ...applyset !== void 0 && settings.prune ? { prune: pruneTargets(applyset.previous, applyset.parent.namespace, planned.mapper) } : {}
  };
}
async function preflight(ctx, planned, settings, identityOf) {
  const rows = requiredPermissions(runTargets(planned, settings));
  const [check, missing] = await Promise.all([
    checkAgainstCluster(ctx.client, planned.plan, ctx.signal),
    missingPermissions(ctx.client, rows, { signal: ctx.signal, concurrency: reviewsInFlight })
  ]);
  const identity = await identityOf;
  for (const ns of check.unverifiable)
    ctx.log.warning(`namespace ${ns} could not be read (forbidden): its existence is not verified`);
  if (check.problems.length > 0) throw new ManifestError(check.problems);
  const { unverifiable } = check;
  if (missing.length === 0) {
    ctx.log.info(`Permissions: all ${rows.length} that this deploy needs are granted`);
    return void 0;
  }
  const who = describeIdentity(identity);
  const lacks = `${who} lacks ${missing.length} of the ${rows.length} permissions this deploy needs`;
  const all = [...missing, ...unverifiableNamespaceRows(unverifiable)];
  return {
    kind: "permission",
    summary: `${lacks}, so nothing was written. Grant them, or deploy as an identity that has them:`,
    missingPermissions: all,
    grant: {
      objects: grantObjects(all, identity?.username),
      ...identity === void 0 ? {} : { to: identity.username }
    }
  };
}

// src/pipeline/prune.ts
async function prune2(ctx, applyset, applied, settings) {
  const { client, log, signal } = ctx;
  const members = [...applied.objects, ...applied.unchecked];
  const candidates = await pruneCandidates(
    client,
    applied.mapper,
    applyset.parent,
    applyset.previous,
    members,
    settings.pruneDestructive,
    signal
  );
  const results = candidates.map((c) => ({
    ref: c.ref,
    ...c.kept === void 0 ? {} : { kept: c.kept }
  }));
  if (settings.mode === "plan") {
    for (const c of candidates) log.info(`  ${describeRef(c.ref)} ${c.kept ?? "would be pruned"}`);
    return results;
  }
  for (const candidate of candidates) {
    if (candidate.kept !== void 0) {
      log.warning(`${describeRef(candidate.ref)} is no longer in the manifests but was ${candidate.kept}`);
      continue;
    }
    await prune(client, candidate, signal);
    log.info(`  ${describeRef(candidate.ref)} pruned`);
  }
  const kept = candidates.filter((c) => c.kept !== void 0);
  await writeMembership(
    client,
    applyset.parent,
    membershipOf([...applied.objects, ...kept]),
    settings.fieldManager,
    signal
  );
  return results;
}

// src/rollout/rollback.ts
var rollbackFieldManager = "kubeship-rollback";
var podTemplateHashLabel = "pod-template-hash";
var RollbackError = class extends Error {
  /** why, without the object's name */
  reason;
  constructor(target, reason) {
    super(`${describeRef(target.ref)} was not rolled back: ${reason}`);
    this.name = "RollbackError";
    this.reason = reason;
  }
};
function previous(children) {
  return newestFirst(children)[1];
}
async function patch2(client, path, contentType, body, signal) {
  const response = await client.request("PATCH", path, {
    contentType,
    body: JSON.stringify(body),
    query: { fieldManager: rollbackFieldManager },
    signal
  });
  return response.body;
}
async function releaseFields(client, path, object, signal) {
  let current = object;
  for (let attempt = 0; attempt < 5; attempt++) {
    const managedFields = current.metadata.managedFields ?? [];
    const kept = managedFields.filter((entry) => entry.manager !== rollbackFieldManager);
    if (kept.length === managedFields.length) return;
    try {
      const ops = [
        { op: "test", path: "/metadata/resourceVersion", value: current.metadata.resourceVersion },
        { op: "replace", path: "/metadata/managedFields", value: kept }
      ];
      await patch2(client, path, "application/json-patch+json", ops, signal);
      return;
    } catch {
      current = (await client.request("GET", path, { signal })).body;
    }
  }
}
async function rollBack(client, target, signal) {
  const from = kindBehaviour(target.mapping.group, target.mapping.kind).rollbackFrom;
  if (from === void 0) throw new RollbackError(target, `a ${target.mapping.kind} cannot be rolled back`);
  const path = resourcePath(target.mapping, target.ref.namespace, target.ref.name);
  const current = (await client.request("GET", path, { signal })).body;
  let patched;
  let revision;
  if (from === "replicasets") {
    if (current.spec?.paused === true)
      throw new RollbackError(target, "it is paused; resume it (spec.paused: false) first");
    const replicaSet = previous(await ownedChildren(client, current, "replicasets", signal));
    if (replicaSet === void 0)
      throw new RollbackError(target, "it has no previous revision (its first rollout failed)");
    const template = structuredClone(replicaSet.spec.template);
    if (template === void 0) throw new RollbackError(target, "the previous ReplicaSet has no pod template");
    delete template.metadata.labels?.[podTemplateHashLabel];
    revision = String(revisionNumber(replicaSet));
    patched = await patch2(
      client,
      path,
      "application/json-patch+json",
      [{ op: "replace", path: "/spec/template", value: template }],
      signal
    );
  } else {
    const controllerRevision = previous(await ownedChildren(client, current, "controllerrevisions", signal));
    if (controllerRevision === void 0)
      throw new RollbackError(target, "it has no previous revision (its first rollout failed)");
    revision = String(revisionNumber(controllerRevision));
    patched = await patch2(
      client,
      path,
      "application/strategic-merge-patch+json",
      controllerRevision.data,
      signal
    );
  }
  await releaseFields(client, path, patched, signal);
  return { revision };
}

// src/pipeline/wait.ts
var heartbeatEveryMs = 5e3;
var heartbeatListed = 10;
function progressName(ref) {
  return `${ref.kind.toLowerCase()}/${ref.name}`;
}
function howLong(ms) {
  const total = Math.round(ms / 1e3);
  return total < 60 ? `${total}s` : `${Math.floor(total / 60)}m${String(total % 60).padStart(2, "0")}s`;
}
function heartbeatLines(waiting, now, started, timeoutMs) {
  if (waiting.size === 0) return void 0;
  const lines = [...waiting].map(([name, { message, since }]) => {
    const unchanged = now - since >= heartbeatEveryMs ? ` (unchanged for ${howLong(now - since)})` : "";
    return `  ${name}: ${message}${unchanged}`;
  });
  const more = lines.length > heartbeatListed ? [`  \u2026 and ${lines.length - heartbeatListed} more`] : [];
  const count = `${lines.length} object${lines.length === 1 ? "" : "s"}`;
  return [
    `Still waiting for ${count} (${howLong(now - started)} of ${howLong(timeoutMs)}):`,
    ...lines.slice(0, heartbeatListed),
    ...more
  ].join("\n");
}
async function waitWithProgress(ctx, targets, settings) {
  const { client, log, signal } = ctx;
  const failFast = settings.failFast ? "failing fast" : "fail-fast off";
  log.info(`Waiting for the rollout (timeout ${seconds(settings.timeoutMs)}, ${failFast})`);
  const started = Date.now();
  const waiting = /* @__PURE__ */ new Map();
  const heartbeat = setInterval(() => {
    const lines = heartbeatLines(waiting, Date.now(), started, settings.timeoutMs);
    if (lines !== void 0) log.info(lines);
  }, heartbeatEveryMs);
  try {
    return await waitForRollouts(client, targets, {
      signal,
      failFast: settings.failFast,
      onProgress: (ref, readiness) => {
        const name = progressName(ref);
        if (readiness.state === "in-progress") waiting.set(name, { message: readiness.message, since: Date.now() });
        else waiting.delete(name);
        log.info(`  ${name}: ${readiness.state === "failed" ? "failed: " : ""}${readiness.message}`);
      }
    });
  } finally {
    clearInterval(heartbeat);
  }
}
async function rollBackFailed(ctx, applied, rollouts) {
  const { client, log, signal } = ctx;
  const failed = applied.filter(
    (a) => a.action !== "unchanged" && canRollBack(a.mapping.group, a.mapping.kind) && rollouts.some((r) => r.ref === a.ref && r.outcome === "failed")
  );
  const done = [];
  const revisions = /* @__PURE__ */ new Map();
  for (const a of failed) {
    try {
      const rollback = await rollBack(client, a, signal);
      revisions.set(a, rollback.revision);
      log.info(`Rolling back ${describeRef(a.ref)} to revision ${rollback.revision}`);
    } catch (error) {
      const reason = error instanceof RollbackError ? error.reason : error instanceof Error ? error.message : String(error);
      log.warning(`${describeRef(a.ref)} was not rolled back: ${reason}`, a.source);
      done.push({ ref: a.ref, message: reason });
    }
  }
  if (revisions.size === 0) return done;
  const targets = [...revisions.keys()].map((a) => ({ ref: a.ref, mapping: a.mapping }));
  const onProgress = (ref, readiness) => log.info(`  ${progressName(ref)} (rollback): ${readiness.message}`);
  const results = await waitForRollouts(client, targets, { signal, onProgress });
  for (const [a, revision] of revisions) {
    const r = results.find((result) => result.ref === a.ref);
    const rollback = {
      ref: a.ref,
      revision,
      outcome: r?.outcome ?? "timeout",
      message: r?.message ?? ""
    };
    log.info(`${describeRef(a.ref)} ${describeRollback(rollback)}`);
    done.push(rollback);
  }
  return done;
}
async function waitAndRollBack(ctx, applied, settings, cancel) {
  const rollouts = await waitWithProgress(ctx, applied, settings);
  if (cancel?.aborted === true) {
    const cancelled = rollouts.map(
      (r) => r.outcome === "timeout" ? { ...r, outcome: "cancelled" } : r
    );
    const still = cancelled.filter((r) => r.outcome === "cancelled").map((r) => describeRef(r.ref));
    ctx.log.info(`Cancelled: ${applied.length} object(s) applied; still rolling out: ${still.join(", ") || "nothing"}`);
    return { rollouts: cancelled, rolledBack: void 0 };
  }
  const rolledBack = settings.rollbackOnFailure ? await rollBackFailed(ctx, applied, rollouts) : void 0;
  return { rollouts, rolledBack };
}

// src/pipeline/index.ts
function requestsOf(session) {
  const serial = session.requests === void 0 ? void 0 : roundTripsBeforeFirstWrite(session.requests);
  const before = serial === void 0 ? "" : ` (${serial} round trips one after another before the first write)`;
  return `${session.requestCount} API requests${before}`;
}
async function deploy(settings, log, options = {}) {
  const started = Date.now();
  const clock = new StageClock();
  const { cancel, connect = connectOverHttps } = options;
  const reached = {};
  let stopped = [];
  let session;
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const signal = eitherSignal(timeout, cancel) ?? timeout;
  let stage = "credentials";
  prepareKustomize(settings.manifests, settings.workspace).catch(() => void 0);
  try {
    session = await connect(settings, log, {
      signal,
      ...options.kubeconfigPath === void 0 ? {} : { kubeconfigPath: options.kubeconfigPath }
    });
    reached.cluster = { server: session.server, context: session.context };
    clock.lap("credentials");
    const defaultNamespace = settings.namespace ?? session.namespace ?? "default";
    const ctx = { client: session.client, log, signal };
    session.identify().catch(() => void 0);
    const asked = ask(ctx, settings, defaultNamespace);
    stage = "parse";
    const manifests = await load(settings, log);
    reached.manifests = manifests;
    clock.lap("parse");
    stage = "identity";
    const introducing = session.introduce(defaultNamespace);
    const identity = introducing.then((i) => i.identity);
    const planning = plan(ctx, manifests, settings, defaultNamespace, asked);
    const checking = planning.then((planned2) => preflight(ctx, planned2, settings, identity));
    for (const pending of [identity, planning, checking]) pending.catch(() => void 0);
    const { kubeconfigPath } = await introducing;
    if (kubeconfigPath !== void 0) reached.kubeconfigPath = kubeconfigPath;
    clock.lap("identity");
    stage = "discovery and validation";
    const planned = await planning;
    clock.lap("plan and validation");
    stage = "permissions";
    const refused = await checking;
    clock.lap("permissions");
    if (refused !== void 0) {
      stopped = [refused];
      return finish();
    }
    stage = "apply";
    const applied = await apply(ctx, planned, manifests, settings);
    reached.applied = applied;
    clock.lap("apply");
    if (applied.failures.length > 0) return finish();
    stage = "prune";
    if (planned.applyset !== void 0 && settings.prune) {
      reached.pruned = await prune2(ctx, planned.applyset, applied, settings);
    }
    clock.lap("prune");
    stage = "wait";
    if (settings.mode === "apply" && settings.wait && applied.objects.length > 0) {
      reached.waited = await waitAndRollBack(ctx, applied.objects, settings, cancel);
    }
    clock.lap("wait");
  } catch (error) {
    clock.lap(stage);
    stopped = failuresOf(error, {
      cancelled: cancel?.aborted === true,
      timedOut: timeout.aborted,
      timeoutMs: settings.timeoutMs,
      stage
    });
  } finally {
    await session?.close();
  }
  return finish();
  function finish() {
    clock.lap("report");
    log.debug(`kubeship timings: ${clock.toString()}${session === void 0 ? "" : `; ${requestsOf(session)}`}`);
    return assemble({
      settings,
      ...reached,
      stopped,
      cancelled: cancel?.aborted === true,
      durationMs: Date.now() - started
    });
  }
}

// src/signals.ts
function cancelOnSignals(handlers) {
  const cancel = new AbortController();
  const onSignal = (name) => {
    if (cancel.signal.aborted) {
      handlers.again(name);
      return;
    }
    handlers.first(name);
    cancel.abort(new Error(`cancelled (${name})`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return cancel.signal;
}
function signalExitCode(name) {
  return name === "SIGINT" ? 130 : 143;
}

// src/result.ts
function deletedMembers(result) {
  return result.mode === "apply" ? result.pruned.filter((p) => p.kept === void 0) : [];
}
function changedCount(result) {
  return result.objects.filter((o) => o.action !== "unchanged").length + deletedMembers(result).length;
}
function objectCount(result) {
  return result.objects.length + deletedMembers(result).length;
}

// src/report/place.ts
function placePrefix(source) {
  return source === void 0 || source.file === "" ? "" : `${source.file}:${source.line}: `;
}

export {
  transientKubeconfigPath,
  InputError,
  readSettings,
  assemble,
  deploy,
  deletedMembers,
  changedCount,
  objectCount,
  placePrefix,
  cancelOnSignals,
  signalExitCode
};
/*! Bundled license information:

fast-json-patch/commonjs/helpers.js:
  (*!
   * https://github.com/Starcounter-Jack/JSON-Patch
   * (c) 2017-2022 Joachim Wester
   * MIT licensed
   *)

fast-json-patch/commonjs/duplex.js:
  (*!
   * https://github.com/Starcounter-Jack/JSON-Patch
   * (c) 2017-2021 Joachim Wester
   * MIT license
   *)
*/
