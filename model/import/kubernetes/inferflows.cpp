// East-west flows: a workload whose environment names a Service (a literal value, a ConfigMap
// key it reads, or every key of a ConfigMap under envFrom) calls the pods that Service selects.
// Values are read here in memory only: the model and the report get the Service's name, the
// port and the scheme, never the value itself.

#include "import/kubernetes/importer.h"
#include "import/kubernetes/semantics.h"
#include "import/kubernetes/serviceaddress.h"

#include "import/importsupport.h"

#include <algorithm>

namespace bulkhead::kubernetes {

void KubernetesImporter::addInferredFlows()
{
    for (std::size_t w = 0; w < m_workloads.size(); ++w) {
        const Workload &workload = m_workloads[w];
        if (workload.skipped)
            continue;
        for (std::size_t c = 0; c < workload.pod.containers.size(); ++c) {
            for (const EnvEntry &env : workload.pod.containers[c].environment) {
                // A Secret's values are credentials, not addresses, and so is the value of a
                // variable or key whose name looks secret: none of them is read here.
                if (!env.secret.empty())
                    continue;
                if (env.configMap.empty()) {
                    if (env.value && !looksSecret(env.name))
                        inferFlowsFrom(w, c, env.line, env.name, *env.value, {});
                    continue;
                }
                // A ConfigMap that is not imported holds nothing to read.
                const auto configMap = m_configMaps.find({workload.ns, env.configMap});
                if (configMap == m_configMaps.end())
                    continue;
                const ConfigMapObject &object = configMap->second;
                auto evidence = [&](const std::string &key, int line) {
                    return "ConfigMap " + env.configMap + " key " + key + " ("
                           + fileNames({m_files[std::size_t(object.origin.file)]}).front() + ":"
                           + std::to_string(line) + ")";
                };
                if (env.wholeObject) {
                    for (const auto &[key, value] : object.values)
                        if (!looksSecret(key))
                            inferFlowsFrom(w, c, env.line, env.name + key, value.first,
                                           evidence(key, value.second));
                } else if (const auto it = object.values.find(env.key); it != object.values.end()
                                                                        && !looksSecret(env.key)
                                                                        && !looksSecret(env.name)) {
                    inferFlowsFrom(w, c, env.line, env.name, it->second.first,
                                   evidence(env.key, it->second.second));
                }
            }
        }
    }
}

void KubernetesImporter::inferFlowsFrom(std::size_t w, std::size_t c, int line,
                                        const std::string &variable, const std::string &value,
                                        const std::string &evidence)
{
    const Workload &caller = m_workloads[w];
    const Origin at{caller.origin.file, line, caller.origin.label};
    const bool namedAsAddress = addressVariable(variable);
    const std::string who = "env " + variable + " of "
                            + containerName(caller, caller.pod.containers[c])
                            + (evidence.empty() ? std::string() : " (from " + evidence + ")");
    for (const ServiceAddress &address : serviceAddresses(value, namedAsAddress)) {
        const std::string ns = address.ns.empty() ? caller.ns : address.ns;
        const auto found = std::find_if(
            m_services.begin(), m_services.end(),
            [&](const Service &s) { return s.ns == ns && s.name == address.name; });
        if (found == m_services.end()) {
            // "name.ns" for a namespace nothing is imported into is most likely no Service.
            if ((namedAsAddress || address.port || !address.scheme.empty())
                && (address.ns.empty() || m_namespaceIds.count(ns)))
                skipped(at, who
                                + " looks like a service address, but no imported Service of "
                                  "namespace "
                                + ns + " has that name; no flow");
            continue;
        }
        const std::size_t s = std::size_t(found - m_services.begin());
        const Service &service = *found;
        const std::string serviceText = "Service " + service.name
                                        + (ns == caller.ns ? "" : " of namespace " + ns);
        if (service.type == "ExternalName") {
            skipped(at, who + " names " + serviceText
                            + ", an ExternalName alias with no imported pods behind it; no flow");
            continue;
        }
        const std::optional<UrlScheme> scheme = urlScheme(address.scheme);
        // The query decides only what the scheme leaves open: http://…?ssl=true is plain HTTP.
        const bool queryDecides = scheme && !scheme->encrypted && address.tls;
        const std::optional<std::string> schemeEncrypted = queryDecides ? std::optional(
                                                               address.tls->encrypted)
                                                           : scheme ? scheme->encrypted
                                                                    : std::nullopt;
        const std::string tlsText = queryDecides ? ", with " + address.tls->parameter
                                                       + (address.tls->encrypted == "yes"
                                                              ? " (TLS required)"
                                                              : " (TLS not enforced)")
                                                 : std::string();
        // The port the address gives (or its scheme's default); else every port of the Service.
        const auto wanted = address.port ? address.port
                            : scheme     ? scheme->defaultPort
                                         : std::nullopt;
        std::vector<std::size_t> ports;
        for (std::size_t p = 0; p < service.ports.size(); ++p)
            if (wanted && service.ports[p].port == *wanted)
                ports.push_back(p);
        if (ports.empty() && address.port) {
            skipped(at, who + " names " + serviceText + " on port " + std::to_string(*address.port)
                            + ", which it does not define; no flow");
            continue;
        }
        if (ports.empty())
            for (std::size_t p = 0; p < service.ports.size(); ++p)
                ports.push_back(p);
        std::vector<std::string> reached;
        for (const std::size_t p : ports) {
            const ServicePort &port = service.ports[p];
            const auto backends = m_serviceBackends.find({s, p});
            if (backends == m_serviceBackends.end())
                continue;
            for (const ServiceBackend &backend : backends->second) {
                if (backend.workload == w)
                    continue; // a pod calling its own Service is no flow between elements
                const Workload &callee = m_workloads[backend.workload];
                const std::string protocol = scheme && scheme->protocol
                                                 ? *scheme->protocol
                                                 : containerPortProtocol(
                                                     backend.workload, backend.container,
                                                     backend.targetPort, port.name,
                                                     port.appProtocol, port.protocol);
                PropertyMap properties;
                properties["protocol"] = protocol;
                properties["port"] = backend.targetPort;
                properties["transport"] = std::string("network");
                if (const auto encrypted = address.scheme.empty() ? encryptedBy(protocol)
                                                                  : schemeEncrypted)
                    properties["encrypted"] = *encrypted;
                // The file's name, not its path: the model stays the same wherever it is read.
                properties["notes"] = "Inferred: " + who + " names " + serviceText + tlsText + " ("
                                      + fileNames({m_files[std::size_t(at.file)]}).front() + ":"
                                      + std::to_string(at.line) + ").\n"
                                      + policyNote(callee, backend.targetPort, port.protocol,
                                                   port.targetName.empty() ? port.name
                                                                           : port.targetName,
                                                   Exposure::From::Ingress);
                m_builder.addFlow(caller.elementIds[c], callee.elementIds[backend.container],
                                  "Calls service/" + service.name + " → "
                                      + portText(backend.targetPort, port.protocol),
                                  properties);
                reached.push_back(containerName(callee, callee.pod.containers[backend.container])
                                  + " " + portText(backend.targetPort, port.protocol));
            }
        }
        std::sort(reached.begin(), reached.end());
        reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
        if (reached.empty())
            skipped(at, who + " names " + serviceText
                            + ", which selects no imported pods besides the caller's; no flow");
        else
            mapped(at, who + " names " + serviceText + tlsText + " → flow to " + joined(reached));
    }
}

} // namespace bulkhead::kubernetes
