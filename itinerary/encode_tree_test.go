package itinerary

import "io"

// writeYAMLTree is WriteYAML as it was before it streamed: the whole
// itinerary as one node tree, encoded at once, from the node kit of
// encode_nodes_test.go. It is kept only to compare the writer's bytes
// with: a change to the kit shows in both references, a change to the
// streaming as a difference.
func writeYAMLTree(w io.Writer, it *Itinerary, events []int) error {
	root := yamlHead(it)
	list := yseq(false)
	for _, i := range events {
		list.Content = append(list.Content, yamlEvent(it, &it.Events[i]).Node)
	}
	root.set("events", list)
	return encodeYAML(w, yamlDoc(root))
}
