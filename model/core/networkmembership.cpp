#include "networkmembership.h"

#include "threatmodel.h"

#include <algorithm>
#include <iterator>
#include <variant>

namespace bulkhead {

std::vector<NetworksChange> networksWithout(const ThreatModel &model,
                                            const std::set<std::string> &removedBoundaries,
                                            const std::set<std::string> &removedElements)
{
    std::vector<NetworksChange> changes;
    if (removedBoundaries.empty())
        return changes;
    for (const Element &element : model.elements()) {
        if (removedElements.count(element.id))
            continue;
        const auto networks = element.properties.find("networks");
        if (networks == element.properties.end()
            || !std::holds_alternative<StringList>(networks->second))
            continue;
        const StringList &before = std::get<StringList>(networks->second);
        StringList after;
        std::copy_if(before.begin(), before.end(), std::back_inserter(after),
                     [&](const std::string &id) { return !removedBoundaries.count(id); });
        if (after.size() != before.size())
            changes.push_back({element.id, before, std::move(after)});
    }
    return changes;
}

} // namespace bulkhead
