#include "graphvizlayoutengine.h"

#include "core/limits.h"
#include "core/threatmodel.h"

#include <graphviz/gvc.h>

#include <clocale>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

// The dot layout plugin is linked in rather than found at run time, so layout works however
// the application is installed.
extern "C" {
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
}

namespace bulkhead {

namespace {

lt_symlist_t preloadedPlugins[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {nullptr, nullptr},
};

// Graphviz keeps global state (the error handler, the context's plugin tables), so one
// layout runs at a time in the process.
std::mutex graphvizMutex;
std::string capturedErrors;

int captureError(char *message)
{
    capturedErrors += message;
    return 0;
}

/** The process's one Graphviz context, freed at exit. */
GVC_t *context()
{
    struct Deleter
    {
        void operator()(GVC_t *gvc) const { gvFreeContext(gvc); }
    };
    static std::unique_ptr<GVC_t, Deleter> gvc(gvContextPlugins(preloadedPlugins, 0));
    return gvc.get();
}

/** Numbers in attributes are written and parsed in the C locale, whatever the user's. */
class CLocaleScope
{
public:
    CLocaleScope()
    {
        const char *current = std::setlocale(LC_NUMERIC, nullptr);
        m_previous = current ? current : "C";
        std::setlocale(LC_NUMERIC, "C");
    }
    ~CLocaleScope() { std::setlocale(LC_NUMERIC, m_previous.c_str()); }
    CLocaleScope(const CLocaleScope &) = delete;
    CLocaleScope &operator=(const CLocaleScope &) = delete;

private:
    std::string m_previous;
};

/*
 * Object ids handed out in creation order. cgraph's default discipline uses the address of a
 * name's interned string as the object's id, and keeps subgraphs ordered by id: clusters were
 * then laid out in the order malloc happened to place their names, so a second layout in the
 * same process could differ from the first. Declining to map names makes cgraph keep them in
 * its own table and take every id from this counter instead.
 */
struct SequentialIds
{
    IDTYPE next = 1;
};

void *openIds(Agraph_t *, Agdisc_t *)
{
    return new SequentialIds;
}

long mapId(void *state, int, char *name, IDTYPE *id, int)
{
    if (name)
        return 0;
    auto *ids = static_cast<SequentialIds *>(state);
    *id = ids->next;
    ids->next += 2;
    return 1;
}

long allocateId(void *, int, IDTYPE)
{
    return 0;
}

void freeId(void *, int, IDTYPE) {}

char *printId(void *, int, IDTYPE)
{
    return nullptr;
}

void closeIds(void *state)
{
    delete static_cast<SequentialIds *>(state);
}

void registerId(void *, int, void *) {}

Agiddisc_t sequentialIdDiscipline = {openIds, mapId,    allocateId, freeId,
                                     printId, closeIds, registerId};
Agdisc_t graphDiscipline = {&AgMemDisc, &sequentialIdDiscipline, &AgIoDisc};

/** A graph that is laid out at most once and always freed in Graphviz's order. */
class Graph
{
public:
    Graph()
        : m_graph(agopen(const_cast<char *>("diagram"), Agdirected, &graphDiscipline))
    {}
    ~Graph()
    {
        if (m_laidOut)
            gvFreeLayout(context(), m_graph);
        agclose(m_graph);
    }
    Graph(const Graph &) = delete;
    Graph &operator=(const Graph &) = delete;

    Agraph_t *get() const { return m_graph; }
    bool layout()
    {
        m_laidOut = gvLayout(context(), m_graph, "dot") == 0;
        return m_laidOut;
    }

private:
    Agraph_t *m_graph;
    bool m_laidOut = false;
};

void set(void *object, const char *name, const std::string &value)
{
    agsafeset(object, const_cast<char *>(name), const_cast<char *>(value.c_str()),
              const_cast<char *>(""));
}

std::string inches(double pixels)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", pixels / 72.0);
    return buffer;
}

constexpr double elementWidth = 140;
constexpr double elementHeight = 70;

/**
 * dot's cost grows much faster than the diagram: 250 elements with 600 flows between random
 * pairs ran for minutes, as every flow spanning several ranks becomes a chain of virtual nodes.
 * A diagram over the budget is refused (an import then keeps its own positions); above
 * `modestGraph` elements and flows, dot gets a spanning forest of the flows only, whose edges
 * can all span one rank, so related elements still sit together at a bounded cost.
 */
std::string layoutBudgetProblem(const ThreatModel &model)
{
    auto over = [](std::size_t count, std::size_t limit, const char *what) {
        return "the diagram has " + std::to_string(count) + " " + what
               + ", more than automatic layout takes (" + std::to_string(limit)
               + "); arrange it by hand or split the model";
    };
    if (model.elements().size() > limits::maxLayoutElements)
        return over(model.elements().size(), limits::maxLayoutElements, "elements");
    if (model.flows().size() > limits::maxLayoutFlows)
        return over(model.flows().size(), limits::maxLayoutFlows, "flows");
    if (model.boundaries().size() > limits::maxLayoutBoundaries)
        return over(model.boundaries().size(), limits::maxLayoutBoundaries, "boundaries");
    return {};
}

constexpr std::size_t modestGraph = 300;

/** The flows to give dot: all of them, or for a large diagram a spanning forest of them. */
std::vector<std::pair<Agnode_t *, Agnode_t *>>
layoutEdges(const ThreatModel &model, const std::map<std::string, Agnode_t *> &nodes)
{
    std::vector<std::pair<Agnode_t *, Agnode_t *>> edges;
    const bool forestOnly = model.elements().size() + model.flows().size() > modestGraph;
    std::map<Agnode_t *, Agnode_t *> representative; // union-find over the forest's trees
    auto root = [&](Agnode_t *node) {
        Agnode_t *r = node;
        for (auto it = representative.find(r); it != representative.end() && it->second != r;
             it = representative.find(r))
            r = it->second;
        for (Agnode_t *n = node; n != r;) { // path compression keeps finds near constant
            Agnode_t *next = representative[n];
            representative[n] = r;
            n = next;
        }
        return r;
    };
    for (const Flow &f : model.flows()) {
        const auto source = nodes.find(f.source);
        const auto target = nodes.find(f.target);
        if (source == nodes.end() || target == nodes.end() || source == target)
            continue;
        if (forestOnly) {
            Agnode_t *a = root(source->second);
            Agnode_t *b = root(target->second);
            if (a == b)
                continue;
            representative[a] = b;
        }
        edges.emplace_back(source->second, target->second);
    }
    return edges;
}

} // namespace

Result<LayoutResult> GraphvizLayoutEngine::layout(const ThreatModel &model)
{
    if (const std::string problem = layoutBudgetProblem(model); !problem.empty())
        return Result<LayoutResult>::failure(problem);
    const std::lock_guard<std::mutex> lock(graphvizMutex);
    const CLocaleScope locale;
    capturedErrors.clear();
    agseterrf(captureError);
    agseterr(AGERR);

    Graph graph;
    Agraph_t *root = graph.get();
    set(root, "rankdir", "LR");
    set(root, "nodesep", "0.45");
    set(root, "ranksep", "1.5"); // room for flow labels between ranks
    set(root, "compound", "true");
    set(root, "fontname", "Helvetica");
    // Only boxes are read back, so dot need not route edges (which cost as much as the rest).
    set(root, "splines", "false");

    // Boundaries as clusters, parents first. A boundary whose parent chain is broken or
    // circular (validation reports it) goes to the top level.
    std::map<std::string, Agraph_t *> clusters;
    std::set<std::string> pending;
    for (const Boundary &b : model.boundaries())
        pending.insert(b.id);
    bool progress = true;
    while (!pending.empty() && progress) {
        progress = false;
        for (const Boundary &b : model.boundaries()) {
            if (!pending.count(b.id))
                continue;
            Agraph_t *parent = root;
            if (!b.parent.empty() && model.findBoundary(b.parent)) {
                const auto it = clusters.find(b.parent);
                if (it == clusters.end())
                    continue; // parent not placed yet
                parent = it->second;
            }
            const std::string name = "cluster_" + std::to_string(clusters.size());
            Agraph_t *cluster = agsubg(parent, const_cast<char *>(name.c_str()), 1);
            // The label reserves room for the boundary's title bar.
            set(cluster, "label", b.name.empty() ? b.kind : b.name);
            set(cluster, "labeljust", "l");
            set(cluster, "fontsize", "12");
            set(cluster, "margin", "18");
            clusters.emplace(b.id, cluster);
            pending.erase(b.id);
            progress = true;
        }
    }
    for (const std::string &id : pending) { // cycles
        const std::string name = "cluster_" + std::to_string(clusters.size());
        clusters.emplace(id, agsubg(root, const_cast<char *>(name.c_str()), 1));
    }

    std::map<std::string, Agnode_t *> nodes;
    for (const Element &e : model.elements()) {
        if (nodes.count(e.id))
            continue;
        const auto container = clusters.find(e.boundary);
        Agraph_t *owner = container != clusters.end() ? container->second : root;
        const std::string name = "n" + std::to_string(nodes.size());
        Agnode_t *node = agnode(owner, const_cast<char *>(name.c_str()), 1);
        set(node, "shape", "box");
        set(node, "fixedsize", "true");
        set(node, "width", inches(elementWidth));
        set(node, "height", inches(elementHeight));
        set(node, "label", "");
        nodes.emplace(e.id, node);
    }
    // An empty boundary still needs an area: an invisible placeholder gives it one.
    std::set<Agraph_t *> occupied;
    for (const Element &e : model.elements()) {
        if (const auto it = clusters.find(e.boundary); it != clusters.end())
            occupied.insert(it->second);
    }
    int placeholders = 0;
    for (const auto &[id, cluster] : clusters) {
        bool hasChildCluster = false;
        for (const Boundary &b : model.boundaries())
            hasChildCluster = hasChildCluster || b.parent == id;
        if (occupied.count(cluster) || hasChildCluster)
            continue;
        const std::string name = "placeholder" + std::to_string(placeholders++);
        Agnode_t *node = agnode(cluster, const_cast<char *>(name.c_str()), 1);
        set(node, "shape", "box");
        set(node, "fixedsize", "true");
        set(node, "width", inches(elementWidth));
        set(node, "height", inches(elementHeight / 2));
        set(node, "style", "invis");
        set(node, "label", "");
    }
    for (const auto &[source, target] : layoutEdges(model, nodes))
        agedge(root, source, target, nullptr, 1);

    if (!graph.layout()) {
        return Result<LayoutResult>::failure(
            "Graphviz could not lay out the diagram"
            + (capturedErrors.empty() ? std::string() : ": " + capturedErrors));
    }

    // Graphviz works in points with y upwards; the canvas in pixels with y downwards.
    const boxf bounds = GD_bb(root);
    auto flipY = [&](double y) { return bounds.UR.y - y; };
    LayoutResult result;
    for (const auto &[id, node] : nodes) {
        const pointf centre = ND_coord(node);
        result.elements[id] = Rect{centre.x - elementWidth / 2, flipY(centre.y) - elementHeight / 2,
                                   elementWidth, elementHeight};
    }
    for (const auto &[id, cluster] : clusters) {
        const boxf box = GD_bb(cluster);
        result.boundaries[id] = Rect{box.LL.x, flipY(box.UR.y), box.UR.x - box.LL.x,
                                     box.UR.y - box.LL.y};
    }
    return result;
}

} // namespace bulkhead
