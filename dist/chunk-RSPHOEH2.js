const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  ManifestError
} from "./chunk-7J76F2LG.js";
import {
  ApplySetError,
  KubeApiError,
  discover,
  membershipOf,
  resourcePath,
  seconds,
  union,
  warningsOf,
  writeMembership
} from "./chunk-74A2JGPW.js";
import {
  conditionOf,
  crdKind,
  describeRef,
  groupKind,
  groupOf,
  isSecret,
  isStatus,
  versionOf
} from "./chunk-5BGRW4SM.js";
import {
  durationText,
  interruptionOf
} from "./chunk-LR26H2VH.js";
import {
  __commonJS,
  __toESM
} from "./chunk-RCV5BOJ3.js";

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
    function applyPatch(document, patch2, validateOperation, mutateDocument, banPrototypeModifications) {
      if (mutateDocument === void 0) {
        mutateDocument = true;
      }
      if (banPrototypeModifications === void 0) {
        banPrototypeModifications = true;
      }
      if (validateOperation) {
        if (!Array.isArray(patch2)) {
          throw new exports.JsonPatchError("Patch sequence must be an array", "SEQUENCE_NOT_AN_ARRAY");
        }
      }
      if (!mutateDocument) {
        document = helpers_js_1._deepClone(document);
      }
      var results = new Array(patch2.length);
      for (var i = 0, length_1 = patch2.length; i < length_1; i++) {
        results[i] = applyOperation(document, patch2[i], validateOperation, true, banPrototypeModifications, i);
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

// src/kube/limit.ts
function limiter(size) {
  let running = 0;
  const waiting = [];
  return async (task) => {
    if (running >= size) await new Promise((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next === void 0) running--;
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
function readsMetadataOnly(mapping, dryRun) {
  return !dryRun && groupKind(mapping.group, mapping.kind) === crdKind;
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
  const list = (o) => {
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
  const before = async (o) => readsByList(o.mapping, members.get(collectionOf(o)) ?? 0) ? (await list(o)).get(o.ref.name) : get(o);
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
  const patch2 = [
    { op: "test", path: "/metadata/resourceVersion", value: live.metadata.resourceVersion },
    { op: "replace", path: "/metadata/managedFields", value: managedFields }
  ];
  try {
    const answer = await client.request("PATCH", path, {
      contentType: "application/json-patch+json",
      accept: metadataOnly,
      body: JSON.stringify(patch2),
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
    await new Promise((resolve) => setTimeout(resolve, 200));
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
  if (key === "Namespace" || key === crdKind) return 0;
  if (infrastructureKinds.has(key)) return 1;
  if (admissionKinds.has(key)) return 3;
  return 2;
}
var isCrd = (o) => groupKind(groupOf(o.ref.apiVersion), o.ref.kind) === crdKind;
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
function plannedObjects(plan) {
  return plan.phases.flatMap((p) => p.objects);
}
function namespacesNeeded(plan) {
  const inSet = namespacesInSet(plan);
  const needed = /* @__PURE__ */ new Map();
  for (const o of plannedObjects(plan)) {
    const ns = o.ref.namespace;
    if (ns !== void 0 && !inSet.has(ns) && !needed.has(ns)) needed.set(ns, o);
  }
  return [...needed].map(([namespace, first]) => ({ namespace, first }));
}
function namespacesInSet(plan) {
  return new Set(
    plannedObjects(plan).filter((o) => o.mapping.group === "" && o.mapping.kind === "Namespace").map((o) => o.ref.name)
  );
}

// src/apply/run.ts
function readsAhead(client, plan, dryRun, signal) {
  const objects = plannedObjects(plan);
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
async function applyPlan(client, plan, live, options, hooks) {
  const dryRun = options.dryRun === true;
  const objects = plannedObjects(plan);
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
      await new Promise((resolve) => setTimeout(resolve, 250));
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
  if (plan.deferred.length === 0 || result.failures.length > 0) return result;
  if (dryRun) {
    const note = "will be applied after its APIService is available";
    const deferred = plan.deferred.map((d) => ({
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
  const aggregated = [];
  for (const item of plan.deferred) {
    const mapping = mapper.find(item.ref.apiVersion, item.ref.kind);
    if (mapping === void 0) {
      result.failures.push(
        notServed(
          item,
          `cannot be applied: the APIService is available but does not serve kind ${item.ref.kind} in ${item.ref.apiVersion}`
        )
      );
    } else {
      aggregated.push(planObject(item, mapping, options, false));
    }
  }
  if (result.failures.length > 0) return result;
  const last = await applyObjects(client, aggregated, options);
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
  const list = await client.list(`/apis/apps/v1/namespaces/${namespace}/${collection}`, {
    ...selector2 === void 0 ? {} : { query: { labelSelector: selector2 } },
    signal
  });
  return list.items.filter((child) => isOwnedBy(child, workload3.metadata.uid ?? ""));
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
    const list = await this.client.list(path, { query: { fieldSelector: selector(prefix, query) }, signal });
    return list.items.map((item) => summarize(item, query.object));
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
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
async function runInformer(client, path, handlers, signal, options = {}) {
  const minBackoff = options.minBackoffMs ?? 200;
  const maxBackoff = options.maxBackoffMs ?? 5e3;
  let backoff = minBackoff;
  let resourceVersion;
  const selector2 = {
    ...options.labelSelector === void 0 ? {} : { labelSelector: options.labelSelector },
    ...options.fieldSelector === void 0 ? {} : { fieldSelector: options.fieldSelector }
  };
  while (!signal.aborted) {
    try {
      if (resourceVersion === void 0) {
        const list = await client.list(path, { query: selector2, signal });
        handlers.onList(list.items);
        resourceVersion = list.resourceVersion;
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
        backoff = minBackoff;
        if (event.type !== "BOOKMARK") handlers.onEvent(event.type, event.object);
      }
      if (expired || received === 0) {
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, maxBackoff);
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof KubeApiError && error.code === 410) resourceVersion = void 0;
      else if (!retryable(error)) {
        handlers.onFatal(error);
        return;
      }
      await sleep(backoff * (0.5 + Math.random()), signal);
      backoff = Math.min(backoff * 2, maxBackoff);
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
  done = new Promise((resolve) => this.resolveDone = resolve);
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
        new Promise((resolve) => this.options.signal.addEventListener("abort", resolve, { once: true }))
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
function waitedFor(plan, wait) {
  const needed = /* @__PURE__ */ new Set([
    ...crdsNeeded(plannedObjects(plan)),
    ...plan.deferred.length > 0 ? plannedObjects(plan).filter(isApiService) : []
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

export {
  limiter,
  secretValueForms,
  recreateAnnotation,
  readsByList,
  isApiService,
  planApply,
  plannedObjects,
  namespacesNeeded,
  readsAhead,
  crdsNeeded,
  ownedChildren,
  revisionNumber,
  newestFirst,
  waitAnnotation,
  kindBehaviour,
  canRollBack,
  waitAccess,
  waitForRollouts,
  apply,
  failuresOf,
  assemble
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
