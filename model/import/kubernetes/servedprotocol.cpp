// The protocol a flow into a container speaks: a Service port's name is a hint, but where the
// image table says the product serves TLS on that port and the container's arguments and
// variables leave it on, the files win over the name.

#include "import/kubernetes/importer.h"
#include "import/kubernetes/semantics.h"

#include "import/wellknownimages.h"

namespace bulkhead::kubernetes {

ServiceConfiguration KubernetesImporter::configurationOf(const Container &container,
                                                         const std::string *ns) const
{
    ServiceConfiguration configuration;
    configuration.image = container.image;
    configuration.arguments = container.arguments;
    configuration.programReplaced = container.entrypointReplaced;
    for (const EnvEntry &entry : container.environment) {
        // With the namespace, a key of a ConfigMap in the input is read: a missing key leaves
        // the variable unset. Values stay in memory; the judgement only compares them.
        const auto configMap = ns && !entry.configMap.empty() && !entry.wholeObject
                                   ? m_configMaps.find({*ns, entry.configMap})
                                   : m_configMaps.end();
        if (configMap != m_configMaps.end()) {
            if (const auto value = configMap->second.values.find(entry.key);
                value != configMap->second.values.end())
                configuration.environment.push_back({entry.name, value->second.first, true});
            continue;
        }
        // A value from a Secret, a ConfigMap or envFrom may turn a default off: the judgement
        // then says "check it" instead of deciding.
        // With the namespace, only envFrom leaves names unknown: a named variable from a Secret
        // is among namesWithoutValue, which the judgement asks about by name.
        if (entry.value && entry.secret.empty() && entry.configMap.empty() && !entry.wholeObject)
            configuration.environment.push_back(entry);
        else if (!ns || entry.wholeObject)
            configuration.environmentComplete = false;
        if (!entry.wholeObject
            && (!entry.value || !entry.secret.empty() || !entry.configMap.empty()))
            configuration.namesWithoutValue.insert(entry.name);
    }
    return configuration;
}

std::string KubernetesImporter::protocolInto(const Workload &workload, const Container &container,
                                             std::int64_t targetPort, const ServicePort &port)
{
    // The image table's typing of the port (Kibana's 5601 is HTTP) before the number's usual use.
    std::string byPort = containerPortProtocol(
        std::size_t(&workload - m_workloads.data()),
        std::size_t(&container - workload.pod.containers.data()), targetPort, port.name,
        port.appProtocol, port.protocol);
    // An appProtocol is the deployer's own statement about the port; a name is only a hint.
    if (!port.appProtocol.empty() || port.protocol == "UDP" || container.image.empty())
        return byPort;
    const auto role = wellKnownImage(container.image, m_catalog->images());
    if (!role)
        return byPort;
    const auto served = servedProtocol(*role->image, targetPort,
                                       configurationOf(container, &workload.ns), container.image);
    if (!served)
        return byPort;
    if (m_servedProtocolReported.insert({&container, targetPort}).second)
        mapped(Origin{workload.origin.file, container.line, workload.origin.label},
               containerName(workload, container) + ": " + served->text
                   + (served->protocol.empty() || served->protocol == byPort
                          ? std::string()
                          : " (flows to port " + std::to_string(targetPort)
                                + " take it, whatever the Service port's name says)"));
    return served->protocol.empty() ? byPort : served->protocol;
}

} // namespace bulkhead::kubernetes
