// Cluster semantics: which workloads a controller owns, what each ServiceAccount may do, and
// how traffic reaches the pods (Services, Ingresses, host ports) past the NetworkPolicies.

#include "import/kubernetes/importer.h"
#include "import/kubernetes/semantics.h"

#include "import/importsupport.h"

#include <algorithm>
#include <map>
#include <set>

namespace bulkhead::kubernetes {

std::string KubernetesImporter::workloadName(const Workload &workload) const
{
    // The workload's own name reads best on the canvas, where long names are cut short; the
    // kind comes in only when two workloads of one namespace share a name.
    std::string base = workload.name;
    if (m_sharedWithinNamespace.count(workload.ns + "/" + workload.name))
        base = lower(workload.kindName) + "/" + base;
    if (m_sharedAcrossNamespaces.count(base))
        base = workload.ns + ": " + base;
    return base;
}

std::string KubernetesImporter::containerName(const Workload &workload,
                                              const Container &container) const
{
    std::string base = workloadName(workload);
    if (workload.pod.containers.size() == 1)
        return base;
    return base + "/" + container.name
           + (container.sidecar ? " (sidecar)"
              : container.init  ? " (init)"
                                : "");
}

void KubernetesImporter::markOwnedObjects()
{
    // kubectl get -o yaml lists controllers and the pods they made: map the controller only. A
    // workload is skipped only when its controller is another imported workload; the chain of
    // controllers then ends at one that is mapped. References to itself, to objects that are
    // not workloads or not imported are ignored, and a circle of references keeps one workload.
    std::map<std::string, std::size_t> byKey;
    for (std::size_t i = 0; i < m_workloads.size(); ++i)
        byKey.emplace(m_workloads[i].kindName + " " + m_workloads[i].ns + "/" + m_workloads[i].name,
                      i);
    std::vector<std::optional<std::size_t>> owner(m_workloads.size());
    for (std::size_t i = 0; i < m_workloads.size(); ++i) {
        const Workload &workload = m_workloads[i];
        if (!workload.controller)
            continue;
        const auto it = byKey.find(workload.controller->kind + " " + workload.ns + "/"
                                   + workload.controller->name);
        if (it != byKey.end() && it->second != i)
            owner[i] = it->second;
    }
    // Walk each chain once; where it comes back to a workload on the same walk, that one is kept.
    enum class State { Unvisited, OnPath, Done };
    std::vector<State> state(m_workloads.size(), State::Unvisited);
    std::vector<bool> closesCircle(m_workloads.size(), false);
    for (std::size_t start = 0; start < m_workloads.size(); ++start) {
        std::vector<std::size_t> path;
        for (std::optional<std::size_t> at = start; at && state[*at] != State::Done;
             at = owner[*at]) {
            if (state[*at] == State::OnPath) {
                closesCircle[*at] = true;
                break;
            }
            state[*at] = State::OnPath;
            path.push_back(*at);
        }
        for (const std::size_t i : path)
            state[i] = State::Done;
    }
    for (std::size_t i = 0; i < m_workloads.size(); ++i) {
        Workload &workload = m_workloads[i];
        if (!owner[i])
            continue;
        const Workload &controller = m_workloads[*owner[i]];
        if (closesCircle[i]) {
            mapped(workload.origin, workload.origin.label + ": its controller "
                                        + controller.kindName + " " + controller.name
                                        + " is in turn created by it (the ownerReferences go round "
                                          "in a circle); mapped here");
            continue;
        }
        workload.skipped = true;
        skipped(workload.origin, workload.origin.label + ": created by " + controller.kindName + " "
                                     + controller.name + ", which is imported itself");
    }
}

void KubernetesImporter::computePermissions()
{
    m_rbacInInput = !m_roles.empty() || !m_bindings.empty();
    auto findRole = [&](const std::string &kind, const std::string &name,
                        const std::string &ns) -> std::optional<Role> {
        for (const Role &role : m_roles)
            if ((kind == "Role" ? role.kind == Kind::Role && role.ns == ns
                                : role.kind == Kind::ClusterRole)
                && role.name == name)
                return role;
        if (kind == "ClusterRole")
            return builtInClusterRole(name);
        return std::nullopt;
    };
    for (const Role &role : m_roles)
        mapped(role.origin,
               role.origin.label
                   + (role.wildcard     ? ": grants \"*\" (every verb or every resource)"
                      : role.aggregated ? ": aggregates the ClusterRoles its aggregationRule "
                                          "selects; what it grants is "
                                          "filled in by the cluster, so unknown"
                      : role.writes
                          ? ": grants changes; recorded through the bindings that use it"
                          : ": grants reading only; recorded through the bindings that use it"));
    for (const Binding &binding : m_bindings) {
        const auto role = findRole(binding.roleKind, binding.roleName, binding.ns);
        const bool clusterScope = binding.kind == Kind::ClusterRoleBinding;
        std::vector<std::string> subjects;
        for (const Subject &s : binding.subjects)
            subjects.push_back(s.kind + " " + (s.kind == "ServiceAccount" ? s.ns + "/" : "")
                               + s.name);
        const std::string who = subjects.empty() ? "no subjects" : joined(subjects);
        const std::string scope = clusterScope ? "across the cluster"
                                               : "in namespace " + binding.ns;
        // An aggregated role grants what other roles, selected by label, grant: not known here
        // (unless its listed rules already grant everything).
        const bool unknown = !role || (role->aggregated && !role->wildcard);
        if (!role) {
            mapped(binding.origin, binding.origin.label + ": binds " + binding.roleKind + " "
                                       + binding.roleName + " " + scope + " to " + who
                                       + "; the role is not among the imported manifests, so its "
                                         "permissions are unknown");
        } else if (unknown) {
            mapped(
                binding.origin,
                binding.origin.label + ": binds " + binding.roleKind + " " + binding.roleName + " "
                    + scope + " to " + who
                    + "; the role aggregates other ClusterRoles, so its permissions are unknown");
        } else if (role->wildcard) {
            const std::string what = binding.roleName == "cluster-admin"
                                         ? "cluster-admin"
                                         : "the wildcard role " + binding.roleName;
            flagged(binding.origin,
                    binding.origin.label + ": grants " + what + " " + scope + " to " + who);
            m_rbacBroad = true;
            m_rbacNotes.push_back(binding.origin.label + " grants " + what + " " + scope + " to "
                                  + who + ".");
        } else {
            mapped(binding.origin, binding.origin.label + ": binds " + binding.roleKind + " "
                                       + binding.roleName + " " + scope + " to " + who);
        }
        if (role && clusterScope && role->readsSecrets && !binding.subjects.empty())
            noteClusterSecretReaders(binding, *role, who);
        Permission permission = Permission::NamespaceRead;
        if (role && clusterScope)
            permission = Permission::ClusterWide;
        else if (role && (role->writes || role->wildcard))
            permission = Permission::NamespaceWrite;
        for (const Subject &s : binding.subjects) {
            std::vector<std::pair<std::string, std::string>> accounts;
            static const std::string accountGroup = "system:serviceaccounts:";
            static const std::string accountUser = "system:serviceaccount:";
            if (s.kind == "ServiceAccount") {
                accounts.emplace_back(s.ns, s.name);
            } else if (s.kind == "User" && s.name.rfind(accountUser, 0) == 0
                       && s.name.find(':', accountUser.size()) != std::string::npos) {
                // The user name a service account's token authenticates as.
                const auto colon = s.name.find(':', accountUser.size());
                accounts.emplace_back(s.name.substr(accountUser.size(), colon - accountUser.size()),
                                      s.name.substr(colon + 1));
            } else if (s.kind == "Group"
                       && (s.name == "system:authenticated" || s.name == "system:serviceaccounts"
                           || (s.name.rfind(accountGroup, 0) == 0
                               && s.name.size() > accountGroup.size()))) {
                // Every service account (of one namespace): apply to each one a workload uses.
                const std::string only = s.name.rfind(accountGroup, 0) == 0
                                             ? s.name.substr(accountGroup.size())
                                             : std::string();
                for (const Workload &w : m_workloads)
                    if (only.empty() || w.ns == only)
                        accounts.emplace_back(w.ns, w.pod.serviceAccount);
            }
            for (const auto &account : accounts) {
                m_boundAccounts.insert(account);
                if (unknown) {
                    m_unknownPermissions.insert(account);
                    continue;
                }
                Permission &current = m_permissions[account];
                current = std::max(current, permission);
            }
        }
    }
}

std::vector<std::pair<std::size_t, std::int64_t>>
KubernetesImporter::targetsOf(const Workload &workload, const ServicePort &port,
                              const Origin &origin)
{
    std::vector<std::pair<std::size_t, std::int64_t>> targets;
    const auto &containers = workload.pod.containers;
    if (!port.targetName.empty()) {
        for (std::size_t i = 0; i < containers.size(); ++i)
            for (const ContainerPort &p : containers[i].ports)
                if (p.name == port.targetName && containers[i].longRunning())
                    targets.emplace_back(i, p.containerPort);
        if (targets.empty())
            skipped(origin, origin.label + ": port " + std::to_string(port.port)
                                + " targets the port name \"" + port.targetName
                                + "\", which no container of " + workload.origin.label
                                + " declares");
        return targets;
    }
    const std::int64_t number = port.targetNumber.value_or(port.port);
    for (std::size_t i = 0; i < containers.size(); ++i)
        for (const ContainerPort &p : containers[i].ports)
            if (p.containerPort == number && p.protocol == port.protocol
                && containers[i].longRunning())
                targets.emplace_back(i, number);
    if (targets.empty()) {
        // Declaring ports is optional: the traffic goes to whichever container listens.
        for (std::size_t i = 0; i < containers.size(); ++i)
            if (containers[i].longRunning())
                targets.emplace_back(i, number);
    }
    return targets;
}

void KubernetesImporter::addServiceExposures(const Service &service)
{
    const bool external = service.type == "NodePort" || service.type == "LoadBalancer"
                          || !service.externalIPs.empty();
    const bool internet = service.type == "LoadBalancer" && !service.internalLoadBalancer;
    std::vector<std::string> reached;
    for (std::size_t w = 0; w < m_workloads.size(); ++w) {
        Workload &workload = m_workloads[w];
        if (workload.skipped || workload.ns != service.ns || service.selector.empty())
            continue;
        if (!selectorMatches(service.selector, workload.labels))
            continue;
        for (const ServicePort &port : service.ports) {
            for (const auto &[c, targetPort] : targetsOf(workload, port, service.origin)) {
                m_serviceBackends[{std::size_t(&service - m_services.data()),
                                   std::size_t(&port - service.ports.data())}]
                    .push_back({w, c, targetPort});
                Container &container = workload.pod.containers[c];
                const std::string protocol = protocolInto(workload, container, targetPort, port);
                reached.push_back(containerName(workload, container) + " "
                                  + portText(targetPort, port.protocol));
                // Ports the Service sends traffic to are the ones the container is meant to expose.
                if (std::find(container.servicePorts.begin(), container.servicePorts.end(),
                              portText(targetPort, port.protocol))
                    == container.servicePorts.end())
                    container.servicePorts.push_back(portText(targetPort, port.protocol));
                if (!external)
                    continue;
                std::string via = "Service " + service.name + " (" + service.type + ") port "
                                  + std::to_string(port.port);
                if (port.nodePort)
                    via += ", node port " + std::to_string(*port.nodePort);
                via += " → " + portText(targetPort, port.protocol) + ".";
                if (!service.sourceRanges.empty())
                    via += " Only from " + joined(service.sourceRanges)
                           + " (loadBalancerSourceRanges).";
                if (service.type == "LoadBalancer" && service.internalLoadBalancer)
                    via += " An internal load balancer: reachable from the private network, not "
                           "the internet.";
                Exposure exposure;
                exposure.workload = w;
                exposure.container = c;
                exposure.port = targetPort;
                exposure.l4 = port.protocol;
                exposure.protocol = protocol;
                exposure.portName = port.targetName.empty() ? port.name : port.targetName;
                exposure.notes = via;
                const std::string arrow = " → " + portText(targetPort, port.protocol);
                if (service.type == "NodePort"
                    || (service.type == "LoadBalancer" && service.allocateNodePorts))
                    exposure.nodePort = port.nodePort ? std::to_string(*port.nodePort)
                                                      : std::string("30000-32767");
                if (service.type == "NodePort") {
                    exposure.from = Exposure::From::NodeNetwork;
                    exposure.name = "service/" + service.name + " node port "
                                    + (port.nodePort ? std::to_string(*port.nodePort)
                                                     : std::string("(assigned)"))
                                    + arrow;
                    m_exposures.push_back(exposure);
                } else if (service.type == "LoadBalancer") {
                    exposure.from = internet ? Exposure::From::Internet
                                             : Exposure::From::NodeNetwork;
                    exposure.name = "service/" + service.name + (internet ? "" : " internal")
                                    + " load balancer port " + std::to_string(port.port) + arrow;
                    m_exposures.push_back(exposure);
                }
                if (!service.externalIPs.empty()) {
                    exposure.from = Exposure::From::NodeNetwork;
                    exposure.nodePort.clear();
                    exposure.name = "service/" + service.name + " external IP port "
                                    + std::to_string(port.port) + arrow;
                    exposure.notes = "Service " + service.name + " port "
                                     + std::to_string(port.port) + " on the external IPs "
                                     + joined(service.externalIPs) + arrow + ".";
                    m_exposures.push_back(exposure);
                }
            }
        }
    }
    std::string summary = service.origin.label + " (" + service.type + ")";
    if (reached.empty()) {
        skipped(service.origin,
                summary
                    + (service.selector.empty() ? ": no selector, so no imported pods behind it"
                                                : ": its selector matches no imported pods"));
        return;
    }
    std::sort(reached.begin(), reached.end());
    reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
    if (internet) {
        flagged(service.origin, summary + ": exposes " + joined(reached) + " to the internet"
                                    + (service.sourceRanges.empty()
                                           ? ""
                                           : " (only from " + joined(service.sourceRanges) + ")"));
    } else if (external) {
        const std::string how =
            service.type == "NodePort" ? "reachable on a port of every node"
            : service.type == "LoadBalancer"
                ? "an internal load balancer, reachable from the private network"
                : "reachable on its external IPs";
        mapped(service.origin, summary + ": " + how + ": " + joined(reached));
    } else {
        mapped(service.origin, summary + ": reachable inside the cluster: " + joined(reached));
    }
}

void KubernetesImporter::planExposures()
{
    for (const Service &service : m_services) {
        if (service.type == "ExternalName") {
            skipped(service.origin, service.origin.label + " (ExternalName): an alias for "
                                        + service.externalName + ", no pods behind it");
            continue;
        }
        addServiceExposures(service);
    }
    // Ingress backends: through the backend Service to its pods.
    for (std::size_t i = 0; i < m_ingresses.size(); ++i)
        addIngressExposures(i);
    addGatewayExposures();
    addHostPortExposures();
    for (std::size_t i = 0; i < m_exposures.size(); ++i)
        m_exposuresOf[{m_exposures[i].workload, m_exposures[i].container}].push_back(i);
}

void KubernetesImporter::addIngressExposures(std::size_t ingressIndex)
{
    const Ingress &ingress = m_ingresses[ingressIndex];
    std::vector<std::string> reached;
    for (const IngressBackend &backend : ingress.backends) {
        const Origin at{ingress.origin.file, backend.line, ingress.origin.label};
        if (backend.resource) {
            skipped(at, ingress.origin.label + ": a backend of path " + backend.path
                            + " is a resource, not a Service");
            continue;
        }
        const Service *service = nullptr;
        for (const Service &s : m_services)
            if (s.ns == ingress.ns && s.name == backend.service)
                service = &s;
        if (!service) {
            skipped(at, ingress.origin.label + ": the backend Service " + backend.service
                            + " is not among the imported manifests");
            continue;
        }
        const ServicePort *port = nullptr;
        for (const ServicePort &p : service->ports)
            if ((backend.portNumber && p.port == *backend.portNumber)
                || (!backend.portName.empty() && p.name == backend.portName))
                port = &p;
        if (!port && !backend.portNumber && backend.portName.empty() && service->ports.size() == 1)
            port = &service->ports.front();
        if (!port) {
            skipped(at, ingress.origin.label + ": Service " + backend.service + " has no port "
                            + (backend.portNumber ? std::to_string(*backend.portNumber)
                                                  : backend.portName));
            continue;
        }
        for (std::size_t w = 0; w < m_workloads.size(); ++w) {
            const Workload &workload = m_workloads[w];
            if (workload.skipped || workload.ns != service->ns || service->selector.empty())
                continue;
            if (!selectorMatches(service->selector, workload.labels))
                continue;
            for (const auto &[c, targetPort] : targetsOf(workload, *port, at)) {
                Exposure exposure;
                exposure.from = Exposure::From::Ingress;
                exposure.ingress = ingressIndex;
                exposure.workload = w;
                exposure.container = c;
                exposure.port = targetPort;
                exposure.l4 = port->protocol;
                std::string protocol = protocolInto(workload, workload.pod.containers[c],
                                                    targetPort, *port);
                if (const auto it = ingress.annotations.find(
                        "nginx.ingress.kubernetes.io/backend-protocol");
                    it != ingress.annotations.end()) {
                    const std::string value = lower(it->second);
                    protocol = value == "https"   ? "https"
                               : value == "grpcs" ? "grpcTls"
                               : value == "grpc"  ? "grpc"
                               : value == "http"  ? "http"
                                                  : protocol;
                }
                exposure.protocol = protocol;
                exposure.portName = port->targetName.empty() ? port->name : port->targetName;
                exposure.name = "ingress/" + ingress.name + " → service/" + service->name + " → "
                                + portText(targetPort, port->protocol);
                exposure.notes = "Routes "
                                 + (backend.host.empty() ? std::string("any host") : backend.host)
                                 + " " + backend.path + ".";
                m_exposures.push_back(exposure);
                reached.push_back(containerName(workload, workload.pod.containers[c]));
            }
        }
    }
    std::sort(reached.begin(), reached.end());
    reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
    mapped(ingress.origin, ingress.origin.label + " → ingress element, internet-facing"
                               + (reached.empty() ? std::string(", with no imported backends")
                                                  : ", routing to " + joined(reached)));
}

void KubernetesImporter::addHostPortExposures()
{
    // hostPort and hostNetwork: ports on the node itself.
    for (std::size_t w = 0; w < m_workloads.size(); ++w) {
        const Workload &workload = m_workloads[w];
        if (workload.skipped)
            continue;
        for (std::size_t c = 0; c < workload.pod.containers.size(); ++c) {
            if (!workload.pod.containers[c].longRunning())
                continue;
            for (const ContainerPort &port : workload.pod.containers[c].ports) {
                const std::int64_t hostPort = port.hostPort              ? port.hostPort
                                              : workload.pod.hostNetwork ? port.containerPort
                                                                         : 0;
                if (!hostPort)
                    continue;
                Exposure exposure;
                exposure.from = Exposure::From::NodeNetwork;
                exposure.workload = w;
                exposure.container = c;
                exposure.port = port.containerPort;
                exposure.l4 = port.protocol;
                exposure.portName = port.name;
                exposure.protocol = containerPortProtocol(w, c, port.containerPort, port.name, "",
                                                          port.protocol);
                exposure.name = (port.hostPort ? "host port " : "host network port ")
                                + std::to_string(hostPort) + " → "
                                + portText(port.containerPort, port.protocol);
                exposure.notes =
                    port.hostPort
                        ? "hostPort " + std::to_string(hostPort) + " on "
                              + (port.hostIP.empty() ? "0.0.0.0" : port.hostIP) + "."
                        : "The pod uses the host's network: the port is open on the node.";
                m_exposures.push_back(exposure);
            }
        }
    }
}

bool KubernetesImporter::reachableFromInternet(std::size_t workload, std::size_t container) const
{
    const auto it = m_exposuresOf.find({workload, container});
    if (it == m_exposuresOf.end())
        return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](std::size_t i) {
        return m_exposures[i].from == Exposure::From::Internet || m_exposures[i].throughProxy();
    });
}

std::string KubernetesImporter::policyNote(const Workload &workload, std::int64_t port,
                                           const std::string &l4, const std::string &portName,
                                           Exposure::From from) const
{
    std::vector<std::string> isolating;
    std::vector<std::string> allowing;
    std::vector<std::string> conditional;
    for (const NetworkPolicy &policy : m_policies) {
        if (policy.ns != workload.ns || !policy.ingressType
            || !policy.podSelector.matches(workload.labels))
            continue;
        isolating.push_back(policy.name);
        for (const PolicyRule &rule : policy.ingress) {
            const bool portMatches =
                rule.ports.empty()
                || std::any_of(rule.ports.begin(), rule.ports.end(), [&](const PolicyPort &p) {
                       if (p.protocol != l4)
                           return false;
                       if (p.number)
                           return port >= *p.number && port <= p.endPort.value_or(*p.number);
                       return p.name.empty() || p.name == portName;
                   });
            if (!portMatches)
                continue;
            if (rule.peers.empty()) {
                allowing.push_back(policy.name);
                continue;
            }
            for (const PolicyPeer &peer : rule.peers) {
                // An ipBlock may match the ingress controller's pod too, depending on the plugin.
                if (!peer.cidr.empty()) {
                    (peer.everywhere() ? allowing : conditional)
                        .push_back(policy.name + " (from " + describeBlock(peer) + ")");
                } else if (from == Exposure::From::Ingress || from == Exposure::From::Gateway) {
                    std::string selector;
                    if (peer.namespaces)
                        selector += "namespaces " + peer.namespaces->describe();
                    if (peer.pods)
                        selector += (selector.empty() ? "" : ", ") + std::string("pods ")
                                    + peer.pods->describe();
                    conditional.push_back(policy.name + " (from " + selector + ")");
                }
            }
        }
    }
    auto unique = [](std::vector<std::string> &list) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    };
    unique(isolating);
    unique(allowing);
    unique(conditional);
    if (isolating.empty())
        return "No NetworkPolicy selects the target pods: traffic from anywhere is allowed.";
    if (!allowing.empty())
        return "NetworkPolicy allows it from anywhere: " + joined(allowing) + ".";
    if (!conditional.empty())
        return "NetworkPolicy allows it only if the source matches: " + joined(conditional) + ".";
    return "NetworkPolicy " + joined(isolating)
           + " isolates the target pods and no rule admits this traffic: it is blocked if the "
             "plugin enforces policies.";
}

} // namespace bulkhead::kubernetes
