#include "itemref.h"

#include "threatmodel.h"

namespace bulkhead {

namespace {

template<typename Ref, typename Model>
Ref lookupItem(Model &model, std::string_view id)
{
    if (auto *element = model.findElement(id))
        return Ref(element);
    if (auto *boundary = model.findBoundary(id))
        return Ref(boundary);
    return Ref(model.findFlow(id));
}

} // namespace

ItemRef findItem(const ThreatModel &model, std::string_view id)
{
    return lookupItem<ItemRef>(model, id);
}

MutableItemRef findItem(ThreatModel &model, std::string_view id)
{
    return lookupItem<MutableItemRef>(model, id);
}

ItemRef findItem(const ThreatModel &model, std::string_view id, ItemKind kind)
{
    switch (kind) {
    case ItemKind::Element:
        return model.findElement(id);
    case ItemKind::Boundary:
        return model.findBoundary(id);
    case ItemKind::Flow:
        return model.findFlow(id);
    case ItemKind::None:
        break;
    }
    return {};
}

std::string shownName(const ThreatModel &model, const ItemRef &item)
{
    if (!item)
        return {};
    const Flow *flow = item.flow();
    if (!flow || !flow->name.empty())
        return item.name();
    auto end = [&model](const std::string &id) {
        const ItemRef ref = findItem(model, id);
        return ref && !ref.name().empty() ? ref.name() : id;
    };
    return end(flow->source) + " → " + end(flow->target);
}

} // namespace bulkhead
