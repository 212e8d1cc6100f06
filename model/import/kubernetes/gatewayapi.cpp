// The Gateway API: a Gateway becomes an ingress element that faces the internet on its listeners,
// and the routes attached to it (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute) lead
// through their backend Services to the pods, as an Ingress does.

#include "import/kubernetes/importer.h"
#include "import/kubernetes/semantics.h"

#include "import/importsupport.h"

#include <algorithm>

namespace bulkhead::kubernetes {

namespace {

const KeyList gatewaySpecKeys{"gatewayClassName", "listeners",  "addresses",
                              "infrastructure",   "backendTLS", "allowedListeners"};
const KeyList listenerKeys{"name", "hostname", "port", "protocol", "tls", "allowedRoutes"};
const KeyList listenerTlsKeys{"mode", "certificateRefs", "options", "frontendValidation"};
const KeyList allowedRoutesKeys{"namespaces", "kinds"};
const KeyList allowedNamespacesKeys{"from", "selector"};
const KeyList routeSpecKeys{"parentRefs", "hostnames", "rules", "useDefaultGateways"};
const KeyList parentRefKeys{"group", "kind", "namespace", "name", "sectionName", "port"};
const KeyList httpRouteRuleKeys{"name",     "matches", "filters",           "backendRefs",
                                "timeouts", "retry",   "sessionPersistence"};
const KeyList grpcRouteRuleKeys{"name", "matches", "filters", "backendRefs", "sessionPersistence"};
/** TLSRoute, TCPRoute and UDPRoute rules only name their backends. */
const KeyList streamRouteRuleKeys{"name", "backendRefs"};
const KeyList backendRefKeys{"group", "kind", "name", "namespace", "port", "weight", "filters"};

/** "*.example.com" covers "shop.example.com"; an empty hostname covers every host. */
bool hostnameCovers(const std::string &pattern, const std::string &host)
{
    if (pattern.empty() || host.empty() || pattern == host)
        return true;
    return pattern.rfind("*.", 0) == 0 && host.size() > pattern.size() - 1
           && host.compare(host.size() - (pattern.size() - 1), pattern.size() - 1,
                           pattern.substr(1))
                  == 0;
}

/** Whether a listener of this protocol takes routes of this kind (GEP-1364's compatibility). */
bool acceptsRouteKind(const std::string &protocol, const std::string &routeKind)
{
    if (routeKind == "TLSRoute")
        return protocol == "TLS";
    if (routeKind == "TCPRoute")
        return protocol == "TCP";
    if (routeKind == "UDPRoute")
        return protocol == "UDP";
    return protocol == "HTTP" || protocol == "HTTPS";
}

std::string listenerProtocol(const GatewayListener &listener)
{
    const std::string protocol = lower(listener.protocol);
    return protocol == "http" || protocol == "https" || protocol == "tls" || protocol == "tcp"
                   || protocol == "udp"
               ? protocol
               : std::string("other");
}

std::string listenerText(const GatewayListener &listener)
{
    return listener.name + " (" + listener.protocol + " " + std::to_string(listener.port)
           + (listener.hostname.empty() ? std::string() : " for " + listener.hostname)
           + (listener.tlsMode == "Passthrough" ? std::string(", TLS passed through")
              : listener.tls()                  ? std::string(", TLS terminated")
                                                : std::string())
           + ")";
}

} // namespace

void KubernetesImporter::readGateway(const YamlFields &top, const Origin &origin,
                                     const std::string &ns)
{
    Gateway gateway;
    gateway.origin = origin;
    gateway.name = top.object("metadata", metadataKeys).text("name", "");
    gateway.ns = ns;
    const YamlFields spec = top.object("spec", gatewaySpecKeys);
    gateway.className = spec.text("gatewayClassName", "");
    for (const YamlFields &fields : spec.objects("listeners", listenerKeys)) {
        GatewayListener listener;
        listener.line = fields.line();
        listener.name = fields.text("name", "");
        if (listener.name.empty())
            failAt(top.context(), fields.node(), fields.pathOf("name"), "missing");
        listener.hostname = fields.text("hostname", "");
        const auto port = fields.integer("port", 1, 65535);
        if (!port)
            failAt(top.context(), fields.node(), fields.pathOf("port"), "missing");
        listener.port = *port;
        listener.protocol = fields.text("protocol", "");
        if (listener.protocol.empty())
            failAt(top.context(), fields.node(), fields.pathOf("protocol"), "missing");
        const YamlFields tls = fields.object("tls", listenerTlsKeys);
        if (listener.tls())
            listener.tlsMode =
                tls.choice("mode", {"Terminate", "Passthrough"}).value_or("Terminate");
        const YamlFields allowed = fields.object("allowedRoutes", allowedRoutesKeys)
                                       .object("namespaces", allowedNamespacesKeys);
        listener.allowedFrom = allowed.choice("from", {"All", "Same", "Selector"}).value_or("Same");
        if (const YamlFields selector = allowed.object("selector", selectorKeys);
            selector.present())
            listener.allowedNamespaces = readSelector(selector);
        gateway.listeners.push_back(std::move(listener));
    }
    m_gateways.push_back(std::move(gateway));
}

void KubernetesImporter::readGatewayRoute(const YamlFields &top, const KindInfo &info,
                                          const Origin &origin, const std::string &ns)
{
    GatewayRoute route;
    route.origin = origin;
    route.kind = std::string(info.name);
    route.name = top.object("metadata", metadataKeys).text("name", "");
    route.ns = ns;
    const YamlFields spec = top.object("spec", routeSpecKeys);
    for (const YamlFields &fields : spec.objects("parentRefs", parentRefKeys)) {
        GatewayRoute::Parent parent;
        parent.line = fields.line();
        parent.kind = fields.text("kind", "Gateway");
        parent.name = fields.text("name", "");
        parent.ns = fields.text("namespace", ns);
        parent.sectionName = fields.text("sectionName", "");
        parent.port = fields.integer("port", 1, 65535);
        if (parent.name.empty())
            failAt(top.context(), fields.node(), fields.pathOf("name"), "missing");
        route.parents.push_back(std::move(parent));
    }
    route.hostnames = spec.texts("hostnames");
    const KeyList &ruleKeys = info.kind == Kind::HTTPRoute   ? httpRouteRuleKeys
                              : info.kind == Kind::GRPCRoute ? grpcRouteRuleKeys
                                                             : streamRouteRuleKeys;
    for (const YamlFields &rule : spec.objects("rules", ruleKeys)) {
        for (const YamlFields &fields : rule.objects("backendRefs", backendRefKeys)) {
            GatewayRoute::Backend backend;
            backend.line = fields.line();
            backend.kind = fields.text("kind", "Service");
            backend.name = fields.text("name", "");
            backend.ns = fields.text("namespace", ns);
            backend.port = fields.integer("port", 1, 65535);
            if (backend.name.empty())
                failAt(top.context(), fields.node(), fields.pathOf("name"), "missing");
            route.backends.push_back(std::move(backend));
        }
    }
    m_routes.push_back(std::move(route));
}

std::vector<std::string> KubernetesImporter::attachedListeners(const GatewayRoute &route,
                                                               const GatewayRoute::Parent &parent,
                                                               const Gateway &gateway) const
{
    std::vector<std::string> names;
    for (const GatewayListener &listener : gateway.listeners) {
        if ((!parent.sectionName.empty() && parent.sectionName != listener.name)
            || (parent.port && *parent.port != listener.port)
            || !acceptsRouteKind(listener.protocol, route.kind))
            continue;
        bool namespaceAllowed = listener.allowedFrom == "All" || route.ns == gateway.ns;
        if (listener.allowedFrom == "Selector") {
            const auto it = m_namespaceObjects.find(route.ns);
            namespaceAllowed = listener.allowedNamespaces && it != m_namespaceObjects.end()
                               && listener.allowedNamespaces->matches(it->second.labels);
        }
        const bool hostShared = route.hostnames.empty()
                                || std::any_of(route.hostnames.begin(), route.hostnames.end(),
                                               [&](const std::string &host) {
                                                   return hostnameCovers(listener.hostname, host)
                                                          || hostnameCovers(host,
                                                                            listener.hostname);
                                               });
        if (namespaceAllowed && hostShared)
            names.push_back(listener.name);
    }
    return names;
}

void KubernetesImporter::addGatewayExposures()
{
    for (const GatewayRoute &route : m_routes) {
        const std::string &label = route.origin.label;
        if (route.parents.empty())
            skipped(route.origin, label + ": no parentRefs, so no Gateway serves it");
        for (const GatewayRoute::Parent &parent : route.parents) {
            const Origin at{route.origin.file, parent.line, label};
            if (parent.kind != "Gateway") {
                skipped(at, label + ": a parentRef to " + parent.kind + " " + parent.name
                                + " (mesh routing between workloads) is not mapped");
                continue;
            }
            const auto gateway = std::find_if(
                m_gateways.begin(), m_gateways.end(),
                [&](const Gateway &g) { return g.name == parent.name && g.ns == parent.ns; });
            if (gateway == m_gateways.end()) {
                skipped(at, label + ": the parent Gateway " + parent.ns + "/" + parent.name
                                + " is not among the imported manifests");
                continue;
            }
            const std::vector<std::string> listeners = attachedListeners(route, parent, *gateway);
            if (listeners.empty()) {
                skipped(at, label + ": no listener of Gateway " + parent.ns + "/" + parent.name
                                + " accepts it (section, port, protocol, namespace or hostname)");
                continue;
            }
            addRouteExposures(route, std::size_t(gateway - m_gateways.begin()), listeners);
        }
    }
}

void KubernetesImporter::addRouteExposures(const GatewayRoute &route, std::size_t gatewayIndex,
                                           const std::vector<std::string> &listeners)
{
    const Gateway &gateway = m_gateways[gatewayIndex];
    const std::string &label = route.origin.label;
    std::vector<std::string> reached;
    for (const GatewayRoute::Backend &backend : route.backends) {
        const Origin at{route.origin.file, backend.line, label};
        if (backend.kind != "Service") {
            skipped(at, label + ": a backend of kind " + backend.kind + " is not a Service");
            continue;
        }
        const auto service = std::find_if(
            m_services.begin(), m_services.end(),
            [&](const Service &s) { return s.name == backend.name && s.ns == backend.ns; });
        if (service == m_services.end()) {
            skipped(at, label + ": the backend Service " + backend.ns + "/" + backend.name
                            + " is not among the imported manifests");
            continue;
        }
        const auto port = std::find_if(
            service->ports.begin(), service->ports.end(),
            [&](const ServicePort &p) { return backend.port && p.port == *backend.port; });
        if (port == service->ports.end()) {
            skipped(at, label + ": Service " + backend.name + " has no port "
                            + (backend.port ? std::to_string(*backend.port) : "(none given)"));
            continue;
        }
        if (backend.ns != route.ns)
            flagged(at, label + ": routes to Service " + backend.ns + "/" + backend.name
                            + " in another namespace, which only a ReferenceGrant there allows");
        const auto backends = m_serviceBackends.find({std::size_t(service - m_services.begin()),
                                                      std::size_t(port - service->ports.begin())});
        if (backends == m_serviceBackends.end())
            continue;
        for (const ServiceBackend &target : backends->second) {
            const Workload &workload = m_workloads[target.workload];
            Exposure exposure;
            exposure.from = Exposure::From::Gateway;
            exposure.gateway = gatewayIndex;
            exposure.workload = target.workload;
            exposure.container = target.container;
            exposure.port = target.targetPort;
            exposure.l4 = port->protocol;
            // A TLSRoute passes the client's TLS through; a GRPCRoute speaks gRPC to the pods.
            exposure.protocol = route.kind == "TLSRoute" ? std::string("tls")
                                : route.kind == "GRPCRoute"
                                    ? std::string("grpc")
                                    : protocolInto(workload,
                                                   workload.pod.containers[target.container],
                                                   target.targetPort, *port);
            exposure.portName = port->targetName.empty() ? port->name : port->targetName;
            exposure.name = "gateway/" + gateway.name + " → service/" + service->name + " → "
                            + portText(target.targetPort, port->protocol);
            exposure.notes = route.kind + " " + route.ns + "/" + route.name + " routes "
                             + (route.hostnames.empty() ? std::string("any host")
                                                        : joined(route.hostnames))
                             + " from listener " + joined(listeners) + ".";
            m_exposures.push_back(exposure);
            reached.push_back(containerName(workload, workload.pod.containers[target.container]));
        }
    }
    std::sort(reached.begin(), reached.end());
    reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
    mapped(route.origin, label + " → attached to gateway/" + gateway.name + " (listener "
                             + joined(listeners) + ")"
                             + (reached.empty() ? std::string(", with no imported backends")
                                                : ", routing to " + joined(reached)));
}

void KubernetesImporter::addGatewayElements()
{
    for (Gateway &gateway : m_gateways) {
        Element element = internetFacingIngress("gateway", gateway.name, gateway.ns);
        gateway.elementId = element.id;
        PropertyMap &p = element.properties;
        std::vector<std::string> listeners;
        bool allTls = !gateway.listeners.empty();
        for (const GatewayListener &listener : gateway.listeners) {
            listeners.push_back(listenerText(listener));
            allTls = allTls && listener.tls();
            if (!listener.tls())
                flagged(Origin{gateway.origin.file, listener.line, gateway.origin.label},
                        gateway.origin.label + ": listener " + listener.name + " serves "
                            + listener.protocol + " on port " + std::to_string(listener.port)
                            + " without TLS");
        }
        p["tlsTermination"] = tri(allTls);
        if (!gateway.className.empty())
            appendNote(p, "Gateway class " + gateway.className + ".");
        appendNote(p, "Listeners: " + (listeners.empty() ? std::string("none") : joined(listeners))
                          + ".");
        appendNote(p, "Stands for the implementation that serves this Gateway; its data plane is "
                      "not in the manifests.");
        mapped(gateway.origin, gateway.origin.label + " → ingress element gateway/" + gateway.name
                                   + ", internet-facing, listeners "
                                   + (listeners.empty() ? std::string("none") : joined(listeners)));
        m_builder.addElement(element);
    }
}

void KubernetesImporter::addGatewayFlows()
{
    for (const Gateway &gateway : m_gateways) {
        for (const GatewayListener &listener : gateway.listeners) {
            PropertyMap properties;
            const std::string protocol = listenerProtocol(listener);
            properties["protocol"] = protocol;
            properties["port"] = listener.port;
            if (const auto encrypted = encryptedBy(protocol))
                properties["encrypted"] = *encrypted;
            properties["notes"] = "Connections to listener " + listenerText(listener) + ".";
            m_builder.addFlow(m_internetClientId, gateway.elementId,
                              "Requests to gateway/" + gateway.name + " (" + listener.name + ")",
                              properties);
        }
    }
}

} // namespace bulkhead::kubernetes
