#include "submodel.h"

#include <string_view>
#include <unordered_map>

namespace bulkhead {

namespace {

/**
 * Hands out ids that neither the model nor earlier calls use, in the sequence the model's own
 * generateId would give if each id were added to it in turn, without copying the model.
 */
class FreshIds
{
public:
    explicit FreshIds(const ThreatModel &model)
        : m_model(model)
        , m_modelSize(model.elements().size() + model.flows().size() + model.boundaries().size()
                      + model.manualThreats().size())
    {}

    std::string next(std::string_view prefix)
    {
        for (std::size_t n = m_modelSize + m_given.size() + 1;; ++n) {
            std::string candidate = std::string(prefix) + "-" + std::to_string(n);
            if (!m_model.containsId(candidate) && !m_given.contains(candidate)) {
                m_given.insert(candidate);
                return candidate;
            }
        }
    }

private:
    const ThreatModel &m_model;
    std::size_t m_modelSize;
    std::unordered_set<std::string> m_given;
};

/** Old id to new id for the pasted boundaries and elements. */
class IdMap
{
public:
    std::string rename(const std::string &oldId, std::string_view kind, FreshIds &fresh)
    {
        std::string id = fresh.next(kind.empty() ? std::string_view("item") : kind);
        m_renamed.try_emplace(oldId, id); // a repeated id's references follow its first holder
        return id;
    }

    const std::string *find(const std::string &oldId) const
    {
        const auto it = m_renamed.find(oldId);
        return it == m_renamed.end() ? nullptr : &it->second;
    }

private:
    std::unordered_map<std::string, std::string> m_renamed;
};

void shift(Rect &geometry, Point offset)
{
    geometry.x += offset.x;
    geometry.y += offset.y;
}

} // namespace

ThreatModel extractSubModel(const ThreatModel &model, const std::unordered_set<std::string> &ids)
{
    ThreatModel subModel;
    for (const Boundary &b : model.boundaries()) {
        if (ids.contains(b.id))
            subModel.addBoundary(b);
    }
    for (const Element &e : model.elements()) {
        if (ids.contains(e.id))
            subModel.addElement(e);
    }
    for (const Flow &f : model.flows()) {
        // A flow travels with both of its ends, or when chosen on its own.
        if (ids.contains(f.id) || (ids.contains(f.source) && ids.contains(f.target)))
            subModel.addFlow(f);
    }
    return subModel;
}

PastedItems remapForPaste(const ThreatModel &target, const ThreatModel &subModel, Point offset)
{
    FreshIds fresh(target);
    IdMap renamed;
    PastedItems pasted;
    // Ids first, so a reference to an item later in the sub-model finds its new id.
    for (const Boundary &b : subModel.boundaries()) {
        pasted.boundaries.push_back(b);
        pasted.boundaries.back().id = renamed.rename(b.id, b.kind, fresh);
    }
    for (const Element &e : subModel.elements()) {
        pasted.elements.push_back(e);
        pasted.elements.back().id = renamed.rename(e.id, e.kind, fresh);
    }
    auto container = [&](const std::string &id) {
        if (const std::string *renamedId = renamed.find(id))
            return *renamedId;
        return target.findBoundary(id) ? id : std::string(); // an outside boundary still there?
    };
    for (Boundary &b : pasted.boundaries) {
        b.parent = container(b.parent);
        shift(b.geometry, offset);
    }
    for (Element &e : pasted.elements) {
        e.boundary = container(e.boundary);
        shift(e.geometry, offset);
    }
    for (Flow f : subModel.flows()) {
        // A flow pasted alone keeps its ends when they still exist.
        const std::string *newSource = renamed.find(f.source);
        const std::string *newTarget = renamed.find(f.target);
        if ((!newSource && !target.findElement(f.source))
            || (!newTarget && !target.findElement(f.target)))
            continue;
        f.source = newSource ? *newSource : f.source;
        f.target = newTarget ? *newTarget : f.target;
        f.id = fresh.next("flow");
        pasted.flows.push_back(std::move(f));
    }
    return pasted;
}

} // namespace bulkhead
