#include "threatsubject.h"

#include "analysis/threat.h"
#include "core/threatmodel.h"

namespace bulkhead {

namespace {

template<typename T>
const T *atIndex(const std::vector<T> &items, int index)
{
    return index >= 0 && static_cast<std::size_t>(index) < items.size()
               ? &items[static_cast<std::size_t>(index)]
               : nullptr;
}

ItemRef atSubjectIndex(const Threat &threat, const ThreatModel &model)
{
    switch (threat.subjectType) {
    case SubjectType::Element:
        return atIndex(model.elements(), threat.subjectIndex);
    case SubjectType::Boundary:
        return atIndex(model.boundaries(), threat.subjectIndex);
    case SubjectType::Flow:
        return atIndex(model.flows(), threat.subjectIndex);
    case SubjectType::Model:
        break;
    }
    return {};
}

} // namespace

ItemRef threatSubject(const Threat &threat, const ThreatModel &model)
{
    const ItemRef indexed = atSubjectIndex(threat, model);
    return indexed ? indexed : threatSubjectById(threat, model);
}

ItemRef threatSubjectById(const Threat &threat, const ThreatModel &model)
{
    return findItem(model, threat.subjectId, itemKindOf(threat.subjectType));
}

} // namespace bulkhead
