package org.tailguard.provenance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks derived-from links from one entity both ways (breadth first, so the nearest relatives come first when
 * the node limit cuts the walk) and finds cycles with Tarjan's strongly-connected-components algorithm
 * (Tarjan, SIAM J. Comput. 1972). An entity's links are the union over all its claims: a later claim can add
 * links but, the ledger being append-only, not retract them.
 */
final class Lineage {
  private Lineage() {}

  static LineageGraph walk(Ledger ledger, String root, int maxNodes) {
    if (maxNodes < 1) {
      throw new org.tailguard.spec.SpecException("maxNodes", "must be at least 1, got " + maxNodes);
    }
    Map<String, LineageGraph.Node> nodes = new LinkedHashMap<>();
    Set<LineageGraph.Edge> edges = new LinkedHashSet<>();
    boolean truncated = false;
    node(ledger, root, nodes);

    ArrayDeque<String> queue = new ArrayDeque<>(List.of(root));
    Set<String> expanded = new java.util.HashSet<>();
    while (!queue.isEmpty()) {
      String id = queue.poll();
      if (!expanded.add(id)) {
        continue;
      }
      for (LineageGraph.Edge e : outgoing(ledger, id)) {
        if (!nodes.containsKey(e.to())) {
          if (nodes.size() >= maxNodes) {
            truncated = true;
            continue;
          }
          node(ledger, e.to(), nodes);
        }
        edges.add(e);
        queue.add(e.to());
      }
    }
    queue.add(root);
    expanded.clear();
    while (!queue.isEmpty()) {
      String id = queue.poll();
      if (!expanded.add(id)) {
        continue;
      }
      for (Map.Entry<String, List<Relation>> in : ledger.incoming(id).entrySet()) {
        String from = in.getKey();
        if (!nodes.containsKey(from)) {
          if (nodes.size() >= maxNodes) {
            truncated = true;
            continue;
          }
          node(ledger, from, nodes);
        }
        for (Relation r : in.getValue()) {
          edges.add(new LineageGraph.Edge(from, r, id));
        }
        queue.add(from);
      }
    }
    List<LineageGraph.Edge> edgeList = new ArrayList<>(edges);
    return new LineageGraph(root, nodes, edgeList, cycles(nodes.keySet(), edgeList), truncated);
  }

  private static void node(Ledger ledger, String id, Map<String, LineageGraph.Node> nodes) {
    List<RecordedClaim> h = ledger.history(id);
    nodes.put(id, new LineageGraph.Node(id, h.isEmpty() ? null : h.getLast().claim(), h.size()));
  }

  private static List<LineageGraph.Edge> outgoing(Ledger ledger, String id) {
    Set<LineageGraph.Edge> out = new LinkedHashSet<>();
    for (RecordedClaim rc : ledger.history(id)) {
      for (Link l : rc.claim().derivedFrom()) {
        out.add(new LineageGraph.Edge(id, l.relation(), l.target()));
      }
    }
    return new ArrayList<>(out);
  }

  /** Strongly connected components with more than one node, each in discovery order (iterative Tarjan). */
  static List<List<String>> cycles(Set<String> ids, List<LineageGraph.Edge> edges) {
    Map<String, List<String>> adj = new HashMap<>();
    for (LineageGraph.Edge e : edges) {
      adj.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
    }
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    ArrayDeque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new java.util.HashSet<>();
    List<List<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String start : ids) {
      if (index.containsKey(start)) {
        continue;
      }
      // Explicit DFS stack of (node, next-neighbour position) so that deep lineages cannot overflow.
      ArrayDeque<Object[]> work = new ArrayDeque<>();
      work.push(new Object[] {start, 0});
      index.put(start, counter[0]);
      low.put(start, counter[0]++);
      stack.push(start);
      onStack.add(start);
      while (!work.isEmpty()) {
        Object[] frame = work.peek();
        String v = (String) frame[0];
        int i = (Integer) frame[1];
        List<String> next = adj.getOrDefault(v, List.of());
        if (i < next.size()) {
          frame[1] = i + 1;
          String w = next.get(i);
          if (!ids.contains(w)) {
            continue;
          }
          if (!index.containsKey(w)) {
            index.put(w, counter[0]);
            low.put(w, counter[0]++);
            stack.push(w);
            onStack.add(w);
            work.push(new Object[] {w, 0});
          } else if (onStack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
        } else {
          work.pop();
          if (!work.isEmpty()) {
            String parent = (String) work.peek()[0];
            low.put(parent, Math.min(low.get(parent), low.get(v)));
          }
          if (low.get(v).equals(index.get(v))) {
            List<String> comp = new ArrayList<>();
            String w;
            do {
              w = stack.pop();
              onStack.remove(w);
              comp.add(w);
            } while (!w.equals(v));
            if (comp.size() > 1) {
              java.util.Collections.reverse(comp);
              out.add(comp);
            }
          }
        }
      }
    }
    return out;
  }
}
