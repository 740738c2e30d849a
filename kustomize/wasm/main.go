// Command kustomize renders one kustomization with sigs.k8s.io/kustomize/api (krusty), the library
// kubectl embeds, compiled to WebAssembly (GOOS=wasip1). It reads no disk and opens no network: the
// whole tree arrives on stdin as JSON and lives in krusty's in-memory filesystem, so the module sees
// only the files kubeship read and handed to it. Rendered YAML goes to stdout, an error to stderr
// (exit status 1).
//
// kyaml's built-in Kubernetes schema (for strategic-merge patches) comes from kubernetes-schema.kzs,
// which schemagen writes at build time from that same schema: see package schema.
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"

	"sigs.k8s.io/kustomize/api/konfig"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/kustomize/kyaml/openapi"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"kubeship.local/kustomize/wasm/schema"
)

//go:embed kubernetes-schema.kzs
var kubernetesSchema []byte

// request is what kubeship writes on stdin.
type request struct {
	// Root is the kustomization directory, an absolute slash-separated path in Files' namespace.
	Root string `json:"root"`
	// Files maps absolute slash-separated paths to contents (base64 in JSON).
	Files map[string][]byte `json:"files"`
	// Dirs are directories to create even when empty.
	Dirs []string `json:"dirs"`
	// Origins adds buildMetadata [originAnnotations] to the root kustomization, in memory only.
	Origins bool `json:"origins"`
}

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err.Error())
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer) error {
	var req request
	if err := json.NewDecoder(in).Decode(&req); err != nil {
		return fmt.Errorf("kubeship's request to the kustomize module is malformed: %w", err)
	}
	fs := filesys.MakeFsInMemory()
	for _, dir := range req.Dirs {
		if err := fs.MkdirAll(dir); err != nil {
			return err
		}
	}
	for name, content := range req.Files {
		if err := fs.MkdirAll(path.Dir(name)); err != nil {
			return err
		}
		if err := fs.WriteFile(name, content); err != nil {
			return err
		}
	}
	if wantsCompactSchema(req.Files) {
		if err := useCompactSchema(); err != nil {
			return err
		}
	}
	if req.Origins {
		if err := trackOrigins(fs, req.Root); err != nil {
			return err
		}
	}
	// kubectl kustomize's defaults: load restrictor rootOnly, plugins and helm off, no managed-by
	// label, and no --reorder flag (krusty then honours sortOptions, else the legacy order).
	options := krusty.MakeDefaultOptions()
	options.Reorder = krusty.ReorderOptionUnspecified
	resources, err := krusty.MakeKustomizer(options).Run(fs, req.Root)
	if err != nil {
		return err
	}
	rendered, err := resources.AsYaml()
	if err != nil {
		return err
	}
	_, err = out.Write(rendered)
	return err
}

// trackOrigins adds originAnnotations to the root kustomization's buildMetadata, so that every
// object carries config.kubernetes.io/origin: the file that defined it, or the kustomization that
// generated it. kubeship turns that into the object's source and removes the annotation.
func trackOrigins(fs filesys.FileSystem, root string) error {
	for _, name := range konfig.RecognizedKustomizationFileNames() {
		file := path.Join(root, name)
		if !fs.Exists(file) {
			continue
		}
		content, err := fs.ReadFile(file)
		if err != nil {
			return err
		}
		node, err := yaml.Parse(string(content))
		if err != nil {
			return err // krusty reports the same error with its context; this one names the file too
		}
		list, err := node.Pipe(yaml.LookupCreate(yaml.SequenceNode, "buildMetadata"))
		if err != nil {
			return err
		}
		for _, item := range list.YNode().Content {
			if item.Value == types.OriginAnnotations {
				return nil
			}
		}
		if err := list.PipeE(yaml.Append(yaml.NewScalarRNode(types.OriginAnnotations).YNode())); err != nil {
			return err
		}
		text, err := node.String()
		if err != nil {
			return err
		}
		return fs.WriteFile(file, []byte(text))
	}
	return nil
}

// useCompactSchema gives kyaml the built-in Kubernetes definitions already decoded and tells it not
// to decode its own copy (about a second in WebAssembly): kyaml then knows the same kinds, fields,
// merge keys and patch strategies. Namespace scopes need no paths: kyaml answers them for every
// built-in kind from its precomputed table (schemagen checks that).
func useCompactSchema() error {
	defs, err := schema.Decode(kubernetesSchema)
	if err != nil {
		return err
	}
	openapi.SuppressBuiltInSchemaUse()
	openapi.AddDefinitions(defs)
	return nil
}

// wantsCompactSchema tells whether to hand kyaml the compact schema. Only strategic-merge patches
// (patches, patchesStrategicMerge, in a kustomization or a component) make kustomize read the
// schema, so a tree whose kustomizations never say "patch" skips the decoding (tens of
// milliseconds); were kyaml to need its schema after all, it would decode its own, slower but the
// same. A kustomization that says "openapi" may choose its own schema, which replaces the built-in
// one rather than adding to it: those renders leave kyaml's schema handling untouched. Both words
// are matched loosely (any case, even in a comment): a false match costs time, never output.
func wantsCompactSchema(files map[string][]byte) bool {
	patches := false
	for name, content := range files {
		if !isKustomization(name) {
			continue
		}
		lower := bytes.ToLower(content)
		if bytes.Contains(lower, []byte("openapi")) {
			return false
		}
		patches = patches || bytes.Contains(lower, []byte("patch"))
	}
	return patches
}

func isKustomization(name string) bool {
	for _, kustomization := range konfig.RecognizedKustomizationFileNames() {
		if path.Base(name) == kustomization {
			return true
		}
	}
	return false
}
