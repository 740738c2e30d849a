// Package schema is kubeship's compact form of the Kubernetes OpenAPI definitions kyaml v0.21.1
// embeds (kyaml/openapi/kubernetesapi/v1_21_2/swagger.pb), reduced to what kustomize reads from
// them: type, $ref, properties, items, additionalProperties and the x-kubernetes-* extensions
// (patch strategies, merge keys, list types, group-version-kinds). kyaml decodes its schema from a
// gzipped 3.4 MB protobuf through gnostic, which costs about a second in WebAssembly on the first
// strategic-merge patch; this form decodes in milliseconds. schemagen writes it at build time from
// the very definitions kyaml would decode, and checks that Decode gives them back.
//
// The encoding: "kzs1", a string table (uvarint count, then uvarint length + bytes each), then the
// definitions (uvarint count, then string index + schema each). A schema is a uvarint of flags
// saying which fields follow, in flag order; every string is an index into the table.
package schema

import (
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"sort"

	"k8s.io/kube-openapi/pkg/validation/spec"
)

const magic = "kzs1"

// The fields of a schema, in the order they are written.
const (
	hasType = 1 << iota
	hasRef
	hasProperties
	hasItems
	hasAdditional
	hasExtensions
	hasDescription
)

// Tags of an extension's value: the YAML values the Kubernetes schema's x-kubernetes-* extensions hold.
const (
	valueNil = iota
	valueString
	valueList
	valueMap
	valueFalse
	valueTrue
)

// Encode writes definitions in the compact form. It fails on a field it cannot represent, so that a
// schema it would change is never written.
func Encode(defs spec.Definitions) ([]byte, error) {
	e := encoder{index: map[string]int{}}
	names := sortedKeys(defs)
	var body []byte
	body = binary.AppendUvarint(body, uint64(len(names)))
	for _, name := range names {
		body = e.str(body, name)
		s := defs[name]
		var err error
		if body, err = e.schema(body, &s, name); err != nil {
			return nil, err
		}
	}
	out := []byte(magic)
	out = binary.AppendUvarint(out, uint64(len(e.strings)))
	for _, s := range e.strings {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	return append(out, body...), nil
}

type encoder struct {
	strings []string
	index   map[string]int
}

func (e *encoder) str(out []byte, s string) []byte {
	i, ok := e.index[s]
	if !ok {
		i = len(e.strings)
		e.index[s] = i
		e.strings = append(e.strings, s)
	}
	return binary.AppendUvarint(out, uint64(i))
}

func (e *encoder) schema(out []byte, s *spec.Schema, at string) ([]byte, error) {
	// what this form keeps; anything else set is an error (schemagen trims the rest before)
	kept := spec.Schema{}
	kept.Type, kept.Ref, kept.Properties, kept.Items = s.Type, s.Ref, s.Properties, s.Items
	kept.AdditionalProperties, kept.Extensions, kept.Description = s.AdditionalProperties, s.Extensions, s.Description
	if !reflect.DeepEqual(&kept, s) {
		return nil, fmt.Errorf("%s: a field the compact schema does not keep is set", at)
	}
	if s.Items != nil && (s.Items.Schema == nil || len(s.Items.Schemas) > 0) {
		return nil, fmt.Errorf("%s: items is not a single schema", at)
	}
	flags := 0
	if s.Type != nil {
		flags |= hasType
	}
	if s.Ref.String() != "" {
		flags |= hasRef
	}
	if s.Properties != nil {
		flags |= hasProperties
	}
	if s.Items != nil {
		flags |= hasItems
	}
	if s.AdditionalProperties != nil {
		flags |= hasAdditional
	}
	if s.Extensions != nil {
		flags |= hasExtensions
	}
	if s.Description != "" {
		flags |= hasDescription
	}
	out = binary.AppendUvarint(out, uint64(flags))
	var err error
	if flags&hasType != 0 {
		out = binary.AppendUvarint(out, uint64(len(s.Type)))
		for _, t := range s.Type {
			out = e.str(out, t)
		}
	}
	if flags&hasRef != 0 {
		out = e.str(out, s.Ref.String())
	}
	if flags&hasProperties != 0 {
		names := sortedKeys(s.Properties)
		out = binary.AppendUvarint(out, uint64(len(names)))
		for _, name := range names {
			out = e.str(out, name)
			p := s.Properties[name]
			if out, err = e.schema(out, &p, at+"."+name); err != nil {
				return nil, err
			}
		}
	}
	if flags&hasItems != 0 {
		if out, err = e.schema(out, s.Items.Schema, at+"[]"); err != nil {
			return nil, err
		}
	}
	if flags&hasAdditional != 0 {
		a := s.AdditionalProperties
		bits := 0
		if a.Allows {
			bits |= 1
		}
		if a.Schema != nil {
			bits |= 2
		}
		out = binary.AppendUvarint(out, uint64(bits))
		if a.Schema != nil {
			if out, err = e.schema(out, a.Schema, at+".*"); err != nil {
				return nil, err
			}
		}
	}
	if flags&hasExtensions != 0 {
		keys := sortedKeys(s.Extensions)
		out = binary.AppendUvarint(out, uint64(len(keys)))
		for _, key := range keys {
			out = e.str(out, key)
			if out, err = e.value(out, s.Extensions[key], at+"."+key); err != nil {
				return nil, err
			}
		}
	}
	if flags&hasDescription != 0 {
		out = e.str(out, s.Description)
	}
	return out, nil
}

func (e *encoder) value(out []byte, v interface{}, at string) ([]byte, error) {
	var err error
	switch v := v.(type) {
	case nil:
		return binary.AppendUvarint(out, valueNil), nil
	case string:
		return e.str(binary.AppendUvarint(out, valueString), v), nil
	case bool:
		if v {
			return binary.AppendUvarint(out, valueTrue), nil
		}
		return binary.AppendUvarint(out, valueFalse), nil
	case []interface{}:
		out = binary.AppendUvarint(binary.AppendUvarint(out, valueList), uint64(len(v)))
		for _, item := range v {
			if out, err = e.value(out, item, at+"[]"); err != nil {
				return nil, err
			}
		}
		return out, nil
	case map[string]interface{}:
		keys := sortedKeys(v)
		out = binary.AppendUvarint(binary.AppendUvarint(out, valueMap), uint64(len(keys)))
		for _, key := range keys {
			out = e.str(out, key)
			if out, err = e.value(out, v[key], at+"."+key); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s: an extension value of type %T", at, v)
}

// Decode reads the compact form back into definitions for kyaml's openapi.AddDefinitions.
func Decode(data []byte) (spec.Definitions, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, errors.New("the compact Kubernetes schema is not in kzs1 form")
	}
	d := decoder{data: data, at: len(magic)}
	d.strings = make([]string, d.uint())
	for i := range d.strings {
		n := d.uint()
		if d.err == nil && n <= uint64(len(d.data)-d.at) {
			d.strings[i] = string(d.data[d.at : d.at+int(n)])
			d.at += int(n)
		} else {
			d.fail()
		}
	}
	count := d.uint()
	defs := make(spec.Definitions, count)
	for n := count; n > 0 && d.err == nil; n-- {
		name := d.str()
		defs[name] = d.schema()
	}
	if d.err == nil && d.at != len(d.data) {
		d.fail()
	}
	return defs, d.err
}

type decoder struct {
	data    []byte
	at      int
	strings []string
	err     error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = fmt.Errorf("the compact Kubernetes schema is damaged at byte %d", d.at)
	}
	d.at = len(d.data)
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.data[d.at:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.at += n
	return v
}

func (d *decoder) str() string {
	i := d.uint()
	if i >= uint64(len(d.strings)) {
		d.fail()
		return ""
	}
	return d.strings[i]
}

func (d *decoder) schema() spec.Schema {
	var s spec.Schema
	flags := d.uint()
	if flags&hasType != 0 {
		s.Type = make(spec.StringOrArray, d.uint())
		for i := range s.Type {
			s.Type[i] = d.str()
		}
	}
	if flags&hasRef != 0 {
		ref, err := spec.NewRef(d.str())
		if err != nil && d.err == nil {
			d.err = err
		}
		s.Ref = ref
	}
	if flags&hasProperties != 0 {
		n := d.uint()
		s.Properties = make(map[string]spec.Schema, n)
		for ; n > 0 && d.err == nil; n-- {
			name := d.str()
			s.Properties[name] = d.schema()
		}
	}
	if flags&hasItems != 0 {
		item := d.schema()
		s.Items = &spec.SchemaOrArray{Schema: &item}
	}
	if flags&hasAdditional != 0 {
		bits := d.uint()
		s.AdditionalProperties = &spec.SchemaOrBool{Allows: bits&1 != 0}
		if bits&2 != 0 {
			value := d.schema()
			s.AdditionalProperties.Schema = &value
		}
	}
	if flags&hasExtensions != 0 {
		n := d.uint()
		s.Extensions = make(spec.Extensions, n)
		for ; n > 0 && d.err == nil; n-- {
			key := d.str()
			s.Extensions[key] = d.value()
		}
	}
	if flags&hasDescription != 0 {
		s.Description = d.str()
	}
	return s
}

func (d *decoder) value() interface{} {
	switch d.uint() {
	case valueNil:
		return nil
	case valueString:
		return d.str()
	case valueFalse:
		return false
	case valueTrue:
		return true
	case valueList:
		list := make([]interface{}, d.uint())
		for i := range list {
			list[i] = d.value()
		}
		return list
	case valueMap:
		n := d.uint()
		m := make(map[string]interface{}, n)
		for ; n > 0 && d.err == nil; n-- {
			key := d.str()
			m[key] = d.value()
		}
		return m
	}
	d.fail()
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
