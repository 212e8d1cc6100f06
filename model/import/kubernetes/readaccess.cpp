// Reading what decides who reaches what: Services, Ingresses, NetworkPolicies, Roles and
// their bindings.

#include "import/kubernetes/importer.h"
#include "import/kubernetes/semantics.h"

#include "import/importsupport.h"

#include <algorithm>
#include <set>
#include <utility>

namespace bulkhead::kubernetes {

namespace {

/** What every namespaced object read here starts from: its origin, name and namespace. */
template<typename Object>
Object readObjectHeader(const YamlFields &top, Origin &&origin, const std::string &ns)
{
    Object object;
    object.origin = std::move(origin);
    object.name = top.object("metadata", metadataKeys).text("name", "");
    object.ns = ns;
    return object;
}

/** A Role or a binding: the common header plus the kind, which tells Role from ClusterRole. */
template<typename RbacObject>
RbacObject readRbacObject(const YamlFields &top, const KindInfo &info, Origin &&origin,
                          const std::string &ns)
{
    auto object = readObjectHeader<RbacObject>(top, std::move(origin), ns);
    object.kind = info.kind;
    return object;
}

} // namespace

void KubernetesImporter::readService(const YamlFields &top, Origin origin, const std::string &ns,
                                     const Labels &annotations)
{
    auto service = readObjectHeader<Service>(top, std::move(origin), ns);
    const YamlFields spec = top.object("spec", serviceSpecKeys);
    service.type = spec.choice("type", {"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"})
                       .value_or("ClusterIP");
    service.selector = spec.textMap("selector");
    service.externalIPs = spec.texts("externalIPs");
    service.sourceRanges = spec.texts("loadBalancerSourceRanges");
    service.externalName = spec.text("externalName", "");
    service.allocateNodePorts = spec.boolean("allocateLoadBalancerNodePorts").value_or(true);
    for (const YamlFields &port : spec.objects("ports", servicePortKeys)) {
        ServicePort p;
        p.line = port.line();
        p.name = port.text("name", "");
        p.protocol = port.choice("protocol", protocols).value_or("TCP");
        p.appProtocol = port.text("appProtocol", "");
        const auto number = port.integer("port", 1, 65535);
        if (!number)
            failAt(top.context(), port.node(), port.pathOf("port"), "missing");
        p.port = *number;
        p.nodePort = port.integer("nodePort", 1, 65535);
        if (const YamlNode *target = port.value("targetPort")) {
            if (!target->isScalar())
                port.fail(*target, "targetPort",
                          "expected a port number or name, found "
                              + std::string(target->typeName()));
            if (!target->quoted && parseInteger(target->scalar))
                p.targetNumber = port.integer("targetPort", 1, 65535);
            else
                p.targetName = target->scalar;
        }
        service.ports.push_back(p);
    }
    // Cloud annotations that keep a load balancer off the internet.
    static const std::vector<std::pair<std::string_view, std::string_view>> internal{
        {"service.beta.kubernetes.io/aws-load-balancer-internal", ""},
        {"service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"},
        {"service.beta.kubernetes.io/azure-load-balancer-internal", "true"},
        {"networking.gke.io/load-balancer-type", "Internal"},
        {"cloud.google.com/load-balancer-type", "Internal"},
        {"service.beta.kubernetes.io/oci-load-balancer-internal", "true"},
    };
    for (const auto &[annotation, value] : internal) {
        const auto it = annotations.find(std::string(annotation));
        if (it != annotations.end()
            && (value.empty() ? lower(it->second) != "false"
                              : lower(it->second) == lower(std::string(value))))
            service.internalLoadBalancer = true;
    }
    m_services.push_back(std::move(service));
}

IngressBackend KubernetesImporter::readIngressBackend(const YamlFields &backend) const
{
    IngressBackend result;
    result.line = backend.line();
    if (backend.has("resource")) {
        result.resource = true;
        return result;
    }
    if (const YamlFields service = backend.object("service", ingressServiceKeys);
        service.present()) {
        result.service = service.text("name", "");
        const YamlFields port = service.object("port", ingressPortKeys);
        result.portNumber = port.integer("number", 1, 65535);
        result.portName = port.text("name", "");
    } else {
        // networking.k8s.io/v1beta1 and extensions/v1beta1.
        result.service = backend.text("serviceName", "");
        if (const YamlNode *port = backend.value("servicePort")) {
            if (port->isScalar() && !port->quoted && parseInteger(port->scalar))
                result.portNumber = backend.integer("servicePort", 1, 65535);
            else
                result.portName = backend.text("servicePort", "");
        }
    }
    if (result.service.empty())
        failAt(backend.context(), backend.node(), backend.path(),
               "a backend names a service or a resource");
    return result;
}

void KubernetesImporter::readIngress(const YamlFields &top, Origin origin, const std::string &ns,
                                     const Labels &annotations)
{
    auto ingress = readObjectHeader<Ingress>(top, std::move(origin), ns);
    ingress.annotations = annotations;
    const YamlFields spec = top.object("spec", ingressSpecKeys);
    ingress.className = spec.text("ingressClassName", "");
    if (ingress.className.empty())
        if (const auto it = annotations.find("kubernetes.io/ingress.class");
            it != annotations.end())
            ingress.className = it->second;
    for (const YamlFields &tls : spec.objects("tls", ingressTlsKeys))
        ingress.tls.push_back({tls.texts("hosts"), tls.text("secretName", "")});
    for (const char *key : {"defaultBackend", "backend"}) {
        if (const YamlFields backend = spec.object(key, ingressBackendKeys); backend.present()) {
            IngressBackend b = readIngressBackend(backend);
            b.path = "(default backend)";
            ingress.backends.push_back(b);
        }
    }
    for (const YamlFields &rule : spec.objects("rules", ingressRuleKeys)) {
        const std::string host = rule.text("host", "");
        if (host.empty())
            ingress.catchAllRule = true;
        else
            ingress.hosts.push_back(host);
        const YamlFields http = rule.object("http", ingressHttpKeys);
        for (const YamlFields &path : http.objects("paths", ingressPathKeys)) {
            const YamlFields backend = path.object("backend", ingressBackendKeys);
            if (!backend.present())
                failAt(top.context(), path.node(), path.pathOf("backend"), "missing");
            IngressBackend b = readIngressBackend(backend);
            b.host = host;
            b.path = path.text("path", "/");
            path.choice("pathType", {"Exact", "Prefix", "ImplementationSpecific"});
            ingress.backends.push_back(b);
        }
    }
    m_ingresses.push_back(std::move(ingress));
}

std::vector<PolicyRule> KubernetesImporter::readPolicyRules(const YamlFields &spec,
                                                            std::string_view key,
                                                            std::string_view peersKey) const
{
    std::vector<PolicyRule> rules;
    for (const YamlFields &r :
         spec.objects(key, key == "ingress" ? ingressRuleOfPolicyKeys : egressRuleOfPolicyKeys)) {
        PolicyRule rule;
        for (const YamlFields &peer : r.objects(peersKey, peerKeys)) {
            PolicyPeer p;
            if (const YamlFields pods = peer.object("podSelector", selectorKeys); pods.present())
                p.pods = readSelector(pods);
            if (const YamlFields namespaces = peer.object("namespaceSelector", selectorKeys);
                namespaces.present())
                p.namespaces = readSelector(namespaces);
            if (const YamlFields block = peer.object("ipBlock", ipBlockKeys); block.present()) {
                p.cidr = block.text("cidr", "");
                p.except = block.texts("except");
            }
            rule.peers.push_back(p);
        }
        for (const YamlFields &port : r.objects("ports", policyPortKeys)) {
            PolicyPort p;
            p.protocol = port.choice("protocol", protocols).value_or("TCP");
            if (const YamlNode *value = port.value("port")) {
                if (value->isScalar() && !value->quoted && parseInteger(value->scalar))
                    p.number = port.integer("port", 1, 65535);
                else
                    p.name = port.text("port", "");
            }
            p.endPort = port.integer("endPort", 1, 65535);
            rule.ports.push_back(p);
        }
        rules.push_back(rule);
    }
    return rules;
}

void KubernetesImporter::readNetworkPolicy(const YamlFields &top, Origin origin,
                                           const std::string &ns)
{
    auto policy = readObjectHeader<NetworkPolicy>(top, std::move(origin), ns);
    const YamlFields spec = top.object("spec", networkPolicySpecKeys);
    policy.podSelector = readSelector(spec.object("podSelector", selectorKeys));
    policy.ingress = readPolicyRules(spec, "ingress", "from");
    policy.egress = readPolicyRules(spec, "egress", "to");
    if (spec.has("policyTypes")) {
        for (const auto &[item, path] : spec.items("policyTypes")) {
            if (!item->isScalar() || (item->scalar != "Ingress" && item->scalar != "Egress"))
                failAt(top.context(), *item, path,
                       "expected Ingress or Egress, found " + shownValue(*item));
            (item->scalar == "Ingress" ? policy.ingressType : policy.egressType) = true;
        }
    } else {
        // As the API defaults it: always Ingress, Egress when the policy has egress rules.
        policy.ingressType = true;
        policy.egressType = spec.has("egress");
    }
    m_policies.push_back(std::move(policy));
}

void KubernetesImporter::readRole(const YamlFields &top, const KindInfo &info, Origin origin,
                                  const std::string &ns)
{
    Role role = readRbacObject<Role>(top, info, std::move(origin), ns);
    static const std::set<std::string> writeVerbs{
        "create", "update",   "patch", "delete",     "deletecollection",
        "*",      "escalate", "bind",  "impersonate"};
    for (const YamlFields &rule : top.objects("rules", policyRuleKeys)) {
        const auto verbs = rule.texts("verbs");
        const auto resources = rule.texts("resources");
        const auto apiGroups = rule.texts("apiGroups");
        const auto resourceNames = rule.texts("resourceNames");
        rule.texts("nonResourceURLs");
        const auto has = [](const std::vector<std::string> &list, const std::string &value) {
            return std::find(list.begin(), list.end(), value) != list.end();
        };
        if (has(verbs, "*") || has(resources, "*"))
            role.wildcard = true;
        // Secrets are in the core group (""); resourceNames narrows a rule to the Secrets it names.
        const bool readVerb = has(verbs, "get") || has(verbs, "list") || has(verbs, "watch")
                              || has(verbs, "*");
        const bool coreGroup = apiGroups.empty() || has(apiGroups, "") || has(apiGroups, "*");
        if (readVerb && coreGroup && (has(resources, "secrets") || has(resources, "*"))
            && resourceNames.empty() && !role.readsSecrets) {
            role.readsSecrets = true;
            role.readsSecretsLine = rule.line();
        }
        for (const std::string &verb : verbs)
            if (writeVerbs.count(verb))
                role.writes = true;
    }
    if (const YamlFields aggregation = top.object("aggregationRule", {"clusterRoleSelectors"});
        aggregation.present()) {
        for (const auto &[item, path] : aggregation.items("clusterRoleSelectors"))
            readSelector(YamlFields::check(top.context(), *item, path, selectorKeys));
        role.aggregated = true;
    }
    m_roles.push_back(role);
}

void KubernetesImporter::readBinding(const YamlFields &top, const KindInfo &info, Origin origin,
                                     const std::string &ns)
{
    Binding binding = readRbacObject<Binding>(top, info, std::move(origin), ns);
    const YamlFields roleRef = top.object("roleRef", roleRefKeys);
    if (!roleRef.present())
        failAt(top.context(), top.node(), "roleRef", "missing");
    const auto roleKind = roleRef.choice("kind", {"Role", "ClusterRole"});
    binding.roleName = roleRef.text("name", "");
    if (!roleKind || binding.roleName.empty())
        failAt(top.context(), roleRef.node(), "roleRef", "a role reference needs kind and name");
    binding.roleKind = *roleKind;
    for (const YamlFields &subject : top.objects("subjects", subjectKeys)) {
        const auto kind = subject.choice("kind", {"ServiceAccount", "User", "Group"});
        if (!kind)
            failAt(top.context(), subject.node(), subject.pathOf("kind"), "missing");
        Subject s{*kind, subject.text("name", ""), subject.text("namespace", "")};
        if (s.kind == "ServiceAccount" && s.ns.empty())
            s.ns = info.kind == Kind::RoleBinding ? ns : "default";
        binding.subjects.push_back(s);
    }
    m_bindings.push_back(std::move(binding));
}

} // namespace bulkhead::kubernetes
