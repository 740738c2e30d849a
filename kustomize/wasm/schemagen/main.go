// Command schemagen writes the compact Kubernetes schema (package schema) that the kustomize module
// gives kyaml instead of its embedded protobuf. It runs natively at build time (scripts/kustomize-wasm.ts)
// and decodes the protobuf exactly as kyaml v0.21.1 does (openapi.parseBuiltinSchema), so the
// definitions are the same ones kustomize would use, less what it never reads. It fails the build
// when the compact form would not give kyaml the same answers:
//
//   - every kind the schema's paths name must be in kyaml's precomputed namespace scopes, since the
//     module gives kyaml definitions only, not paths;
//
//   - a schema trimmed to nothing would look missing to kyaml (ResourceSchema.IsMissingOrNull), so it
//     keeps a one-character description;
//
//   - the written form must decode back to exactly the trimmed definitions.
//
//     go run ./schemagen OUTPUT
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	openapi_v2 "github.com/google/gnostic-models/openapiv2"
	"google.golang.org/protobuf/proto"
	"k8s.io/kube-openapi/pkg/validation/spec"
	"sigs.k8s.io/kustomize/kyaml/openapi"
	"sigs.k8s.io/kustomize/kyaml/openapi/kubernetesapi"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"kubeship.local/kustomize/wasm/schema"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: schemagen OUTPUT")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func run(output string) error {
	swagger, err := builtinSwagger()
	if err != nil {
		return err
	}
	if err := checkNamespaceScopes(swagger.Paths); err != nil {
		return err
	}
	trimmed := make(spec.Definitions, len(swagger.Definitions))
	for name, def := range swagger.Definitions {
		trimmed[name] = trim(def)
	}
	data, err := schema.Encode(trimmed)
	if err != nil {
		return err
	}
	decoded, err := schema.Decode(data)
	if err != nil {
		return err
	}
	if !reflect.DeepEqual(decoded, trimmed) {
		return fmt.Errorf("the compact schema does not decode to the definitions it was written from")
	}
	return os.WriteFile(output, data, 0o644)
}

// builtinSwagger decodes kyaml's default embedded schema the way kyaml's parse does.
func builtinSwagger() (*spec.Swagger, error) {
	version := kubernetesapi.DefaultOpenAPI
	asset := filepath.Join("kubernetesapi", strings.ReplaceAll(version, ".", "_"), "swagger.pb")
	doc := &openapi_v2.Document{}
	if err := proto.Unmarshal(kubernetesapi.OpenAPIMustAsset[version](asset), doc); err != nil {
		return nil, fmt.Errorf("kyaml's %s: %w", asset, err)
	}
	var swagger spec.Swagger
	if _, err := swagger.FromGnostic(doc); err != nil {
		return nil, fmt.Errorf("kyaml's %s: %w", asset, err)
	}
	return &swagger, nil
}

// checkNamespaceScopes: kyaml answers IsNamespaceScoped from its precomputed table before it looks at
// the schema's paths; with the default schema that table covers every kind. This holds it to that,
// asked before any schema is loaded (so the table alone answers).
func checkNamespaceScopes(paths *spec.Paths) error {
	if paths == nil {
		return fmt.Errorf("kyaml's schema has no paths")
	}
	checked := 0
	for path, item := range paths.Paths {
		if item.Get == nil {
			continue
		}
		gvk, ok := item.Get.Extensions["x-kubernetes-group-version-kind"].(map[string]interface{})
		if !ok {
			continue
		}
		group, _ := gvk["group"].(string)
		version, _ := gvk["version"].(string)
		kind, _ := gvk["kind"].(string)
		apiVersion := version
		if group != "" {
			apiVersion = group + "/" + version
		}
		namespaced, found := openapi.IsNamespaceScoped(yaml.TypeMeta{APIVersion: apiVersion, Kind: kind})
		if !found || (strings.Contains(path, "namespaces/{namespace}") && !namespaced) {
			return fmt.Errorf("%s %s (path %s) is not in kyaml's precomputed namespace scopes", apiVersion, kind, path)
		}
		checked++
	}
	if checked == 0 {
		return fmt.Errorf("found no kind in the schema's paths: this check no longer reads kyaml's schema")
	}
	return nil
}

// trim keeps what kyaml reads from a schema (openapi.ResourceSchema's Field, Elements, Lookup,
// PatchStrategyAndKey(List), SchemaForResourceType and Resolve): type, $ref, properties, items,
// additionalProperties and the extensions, all x-kubernetes-* in this schema.
func trim(s spec.Schema) spec.Schema {
	var kept spec.Schema
	kept.Type = s.Type
	kept.Ref = s.Ref
	kept.Extensions = s.Extensions
	if s.Properties != nil {
		kept.Properties = make(map[string]spec.Schema, len(s.Properties))
		for name, p := range s.Properties {
			kept.Properties[name] = trim(p)
		}
	}
	if s.Items != nil {
		kept.Items = &spec.SchemaOrArray{Schemas: s.Items.Schemas}
		if s.Items.Schema != nil {
			item := trim(*s.Items.Schema)
			kept.Items.Schema = &item
		}
	}
	if s.AdditionalProperties != nil {
		kept.AdditionalProperties = &spec.SchemaOrBool{Allows: s.AdditionalProperties.Allows}
		if s.AdditionalProperties.Schema != nil {
			value := trim(*s.AdditionalProperties.Schema)
			kept.AdditionalProperties.Schema = &value
		}
	}
	if reflect.DeepEqual(kept, spec.Schema{}) && !reflect.DeepEqual(s, spec.Schema{}) {
		kept.Description = "-" // present, not missing: kyaml tells the two apart by an empty schema
	}
	return kept
}
