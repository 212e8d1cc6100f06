#include "importidentity.h"

#include <map>

namespace bulkhead {

namespace {

std::string portSuffix(const PropertyMap &properties)
{
    const auto it = properties.find("port");
    if (it == properties.end())
        return {};
    return ":" + propertyValueToDisplayString(it->second);
}

} // namespace

void recordImportIdentities(ThreatModel &model, const std::string &importer)
{
    ImportRecord &record = model.importRecord();
    record.importer = importer;
    record.items.clear();
    std::map<std::string, std::string> identityOf;
    for (const Boundary &boundary : model.boundaries()) {
        const std::string identity = importer + ":" + boundary.id;
        identityOf[boundary.id] = identity;
        record.items.push_back({boundary.id, identity, boundary.name, boundary.properties});
    }
    for (const Element &element : model.elements()) {
        const std::string identity = importer + ":" + element.id;
        identityOf[element.id] = identity;
        record.items.push_back({element.id, identity, element.name, element.properties});
    }
    // One flow per mount, secret or port can join the same ends: the name, which the importer
    // makes from the mount, secret or route, tells those apart.
    std::map<std::string, int> flowsWithBase;
    auto baseOf = [&](const Flow &flow) {
        return identityOf[flow.source] + " -> " + identityOf[flow.target]
               + portSuffix(flow.properties);
    };
    for (const Flow &flow : model.flows())
        ++flowsWithBase[baseOf(flow)];
    for (const Flow &flow : model.flows()) {
        std::string identity = baseOf(flow);
        if (flowsWithBase[identity] > 1)
            identity += " " + flow.name;
        record.items.push_back({flow.id, identity, flow.name, flow.properties});
    }
}

} // namespace bulkhead
