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

} // namespace bulkhead
