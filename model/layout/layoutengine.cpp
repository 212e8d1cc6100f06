#include "layoutengine.h"

#include "core/threatmodel.h"

namespace bulkhead {

void applyLayout(ThreatModel &model, const LayoutResult &layout)
{
    for (const auto &[id, rect] : layout.elements) {
        if (Element *e = model.findElement(id))
            e->geometry = rect;
    }
    for (const auto &[id, rect] : layout.boundaries) {
        if (Boundary *b = model.findBoundary(id))
            b->geometry = rect;
    }
    // Bend points drawn for the old arrangement no longer fit the new one.
    std::vector<std::string> flowIds;
    for (const Flow &f : model.flows())
        flowIds.push_back(f.id);
    for (const std::string &id : flowIds) {
        if (Flow *f = model.findFlow(id))
            f->points.clear();
    }
}

} // namespace bulkhead
