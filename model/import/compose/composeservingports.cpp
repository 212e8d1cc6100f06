#include "composeservingports.h"

#include "core/element.h"
#include "import/compose/composeinput.h"
#include "import/compose/composeservice.h"
#include "import/importsupport.h"

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

namespace bulkhead {

namespace {

/** Clients reach a proxy whose configuration was not read on HTTP's and HTTPS's ports, on the
 *  host's side (nginx-unprivileged's 80:8080) or the container's. */
bool servesClients(const ComposeService &service, const PublishedPort &port)
{
    if (service.entryPoints.empty())
        return port.containerPort == 80 || port.containerPort == 443 || port.hostPort == "80"
               || port.hostPort == "443";
    return std::any_of(service.entryPoints.begin(), service.entryPoints.end(),
                       [&port](const ProxyEntryPoint &entry) {
                           return entry.port == port.containerPort
                                  && entry.authentication != "none";
                       });
}

} // namespace

void recordServingPorts(ComposeInput &input, const ComposeService &service, Element &element)
{
    const auto entryPoint = element.properties.find("entryPoint");
    const bool *isEntryPoint = entryPoint == element.properties.end()
                                   ? nullptr
                                   : std::get_if<bool>(&entryPoint->second);
    if (!isEntryPoint || !*isEntryPoint)
        return;
    std::vector<std::string> serving;
    for (const PublishedPort &port : service.ports) {
        if (port.protocol != "tcp" || !servesClients(service, port))
            continue;
        const std::string text = std::to_string(port.containerPort) + "/tcp";
        if (std::find(serving.begin(), serving.end(), text) != serving.end())
            continue;
        serving.push_back(text);
        appendUnique(element.properties, "requiredPorts", text);
        if (port.at)
            input.mapped(*port.at,
                         "service " + service.name + ": container port " + text
                             + " is where the proxy serves its clients"
                             + (service.entryPoints.empty()
                                    ? std::string(" (HTTP and HTTPS on " + port.bind + ":"
                                                  + port.hostPort + ")")
                                    : std::string(" (an entry point of its configuration)"))
                             + " → requiredPorts");
    }
}

} // namespace bulkhead
