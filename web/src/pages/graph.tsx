// The network view: my contacts and the strongest 2nd-degree members as a graph, coloured
// by degree (GET /api/v1/me/network-graph), drawn with sigma over a graphology graph laid
// out by ForceAtlas2. The same people are listed in a table for keyboards and screen readers.
import { useEffect, useRef, useState } from 'preact/hooks';
import type Graph from 'graphology';
import type Sigma from 'sigma';
import { get, query, type NetworkGraph } from '../api';
import { Card, DegreeBadge, ErrorBox, Loading, PageHeader } from '../components/ui';
import { useLoad, useTitle } from '../hooks';
import { href, navigate } from '../router';
import { useApp } from '../state';

export const degreeColours = ['#111827', '#1f5f8b', '#e08a1e'] as const;

// A repeatable pseudo-random number in [0, 1) from an id, so the drawing does not jump
// between loads.
function jitter(id: number, salt: number): number {
  const x = Math.sin(id * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

// The drawing libraries are the largest part of the UI: loaded with this page only.
async function drawingLibraries() {
  const [graphology, layout, sigma] = await Promise.all([
    import('graphology'),
    import('graphology-layout-forceatlas2'),
    import('sigma'),
  ]);
  return { GraphClass: graphology.default, forceAtlas2: layout.default, SigmaClass: sigma.default };
}

type Libraries = Awaited<ReturnType<typeof drawingLibraries>>;

function buildGraph({ GraphClass, forceAtlas2 }: Libraries, data: NetworkGraph): Graph {
  const graph = new GraphClass({ type: 'undirected', multi: false });
  const maxMutual = Math.max(1, ...data.nodes.map((node) => node.mutual));
  for (const node of data.nodes) {
    const ring = node.degree === 0 ? 0 : node.degree === 1 ? 1 : 2;
    const angle = jitter(node.id, 1) * Math.PI * 2;
    const radius = ring === 0 ? 0 : ring + (jitter(node.id, 2) - 0.5) * 0.6;
    graph.addNode(String(node.id), {
      label: node.name,
      x: Math.cos(angle) * radius,
      y: Math.sin(angle) * radius,
      size: node.degree === 0 ? 14 : 3 + 7 * Math.sqrt(node.mutual / maxMutual),
      color: degreeColours[node.degree] ?? '#999',
      degree: node.degree,
    });
  }
  for (const edge of data.edges) {
    const source = String(edge.source);
    const target = String(edge.target);
    if (source === target || !graph.hasNode(source) || !graph.hasNode(target) || graph.hasEdge(source, target)) continue;
    const touchesCenter = edge.source === data.center || edge.target === data.center;
    graph.addEdge(source, target, { size: touchesCenter ? 0.6 : 0.4, color: touchesCenter ? '#c9d6e3' : '#e3e6ea' });
  }
  if (graph.order > 1) {
    const settings = forceAtlas2.inferSettings(graph);
    forceAtlas2.assign(graph, { iterations: 150, settings: { ...settings, gravity: 1, scalingRatio: 8, barnesHutOptimize: graph.order > 400 } });
  }
  return graph;
}

export function GraphPage() {
  const { t, n } = useApp();
  useTitle(t('graph.title'));
  const [contacts, setContacts] = useState(150);
  const [second, setSecond] = useState(50);
  const [applied, setApplied] = useState({ contacts: 150, second: 50 });
  const loaded = useLoad(() => get<NetworkGraph>(`/api/v1/me/network-graph${query(applied)}`), [applied.contacts, applied.second]);
  const container = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const data = loaded.data;

  useEffect(() => {
    const element = container.current;
    if (!data || !element) return;
    let renderer: Sigma | null = null;
    let live = true;
    drawingLibraries().then((libraries) => {
      if (!live) return;
      const graph = buildGraph(libraries, data);
      // Hovering a member brings out them and their links; the rest fades.
      let focus: string | null = null;
      let neighbours = new Set<string>();
      try {
        renderer = new libraries.SigmaClass(graph, element, {
          renderEdgeLabels: false,
          labelRenderedSizeThreshold: 9,
          labelDensity: 0.6,
          stagePadding: 24,
          hideEdgesOnMove: true,
          zIndex: true,
          nodeReducer: (node, display) =>
            focus === null || node === focus || neighbours.has(node)
              ? { ...display, ...(node === focus ? { highlighted: true, zIndex: 2 } : { zIndex: 1 }) }
              : { ...display, color: '#e3e7ec', label: '', zIndex: 0 },
          edgeReducer: (edge, display) =>
            focus === null ? display : graph.hasExtremity(edge, focus) ? { ...display, color: '#7f9bb5', size: 1 } : { ...display, hidden: true },
        });
      } catch (error) {
        element.textContent = String(error);
        return;
      }
      renderer.on('clickNode', ({ node }) => navigate(`/members/${node}`));
      renderer.on('enterNode', ({ node }) => {
        focus = node;
        neighbours = new Set(graph.neighbors(node));
        setHovered(graph.getNodeAttribute(node, 'label'));
        element.classList.add('pointing');
        renderer?.refresh({ skipIndexation: true });
      });
      renderer.on('leaveNode', () => {
        focus = null;
        neighbours = new Set();
        setHovered(null);
        element.classList.remove('pointing');
        renderer?.refresh({ skipIndexation: true });
      });
    });
    return () => {
      live = false;
      renderer?.kill();
    };
  }, [data]);

  const unavailable = loaded.errorStatus === 404;
  const people = (data?.nodes ?? []).filter((node) => node.degree > 0).sort((a, b) => a.degree - b.degree || b.mutual - a.mutual);

  return (
    <div class="page">
      <PageHeader title={t('graph.title')} subtitle={t('graph.subtitle')} />
      <form
        class="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          setApplied({ contacts, second });
        }}
      >
        <div class="toolbar-controls">
          <label class="inline-field">
            {t('graph.contacts')}
            <input type="number" min={1} max={1000} value={contacts} onInput={(e) => setContacts(Number(e.currentTarget.value) || 1)} class="narrow-input" />
          </label>
          <label class="inline-field">
            {t('graph.second')}
            <input type="number" min={0} max={500} value={second} onInput={(e) => setSecond(Number(e.currentTarget.value) || 0)} class="narrow-input" />
          </label>
          <button type="submit" class="btn">
            {t('graph.apply')}
          </button>
        </div>
        <ul class="legend" aria-label="Legend">
          {[0, 1, 2].map((d) => (
            <li key={d}>
              <span class="swatch" style={{ background: degreeColours[d] }} aria-hidden="true" />
              {t(`graph.legend.${d}` as 'graph.legend.0')}
            </li>
          ))}
        </ul>
      </form>
      {unavailable ? (
        <p class="empty card">{t('graph.unavailable')}</p>
      ) : (
        loaded.error && <ErrorBox message={loaded.error} retry={loaded.reload} />
      )}
      {loaded.loading && !data && <Loading />}
      {data && (
        <>
          <Card class="graph-card">
            <div class="graph-meta">
              <span data-testid="graph-summary">{t('graph.summary', { nodes: data.nodes.length, edges: data.edges.length })}</span>
              <span class="muted">{hovered ?? t('graph.hint')}</span>
            </div>
            <div class="graph" ref={container} data-testid="graph" aria-hidden="true" />
          </Card>
          <details class="card graph-list">
            <summary>{t('graph.list')}</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('search.f.name')}</th>
                  <th scope="col">{t('search.degrees')}</th>
                  <th scope="col" class="num">{t('profile.mutual')}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((node) => (
                  <tr key={node.id}>
                    <td>
                      <a href={href(`/members/${node.id}`)}>{node.name}</a>
                      <div class="muted small">{node.headline}</div>
                    </td>
                    <td>
                      <DegreeBadge degree={node.degree} />
                    </td>
                    <td class="num">{n(node.mutual)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </div>
  );
}
