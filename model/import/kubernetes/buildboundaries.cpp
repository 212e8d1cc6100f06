// Building the model: the internet, the cluster and its namespaces as boundaries, with what the
// manifests say about them (Pod Security, NetworkPolicies, quotas, RBAC).

#include "import/kubernetes/importer.h"

#include "import/importsupport.h"

#include <algorithm>
#include <set>

namespace bulkhead::kubernetes {

bool KubernetesImporter::exposedToInternet() const
{
    return !m_ingresses.empty() || !m_gateways.empty()
           || std::any_of(m_exposures.begin(), m_exposures.end(),
                          [](const Exposure &e) { return e.from == Exposure::From::Internet; });
}

void KubernetesImporter::addBoundaries()
{
    if (exposedToInternet()) {
        Boundary boundary;
        boundary.id = m_internetId = m_builder.makeId("internet");
        boundary.kind = "internet";
        boundary.name = "Internet";
        boundary.properties["anonymousReachable"] = true;
        m_builder.addBoundary(boundary);
    }
    addClusterBoundary();
    // Namespaces: those declared, and those the mapped objects live in, by name.
    std::set<std::string> namespaces;
    for (const auto &[name, object] : m_namespaceObjects)
        namespaces.insert(name);
    for (const Workload &w : m_workloads)
        if (!w.skipped)
            namespaces.insert(w.ns);
    for (const Ingress &i : m_ingresses)
        namespaces.insert(i.ns);
    for (const Gateway &g : m_gateways)
        namespaces.insert(g.ns);
    for (const std::string &ns : namespaces)
        addNamespaceBoundary(ns);
    for (const NetworkPolicy &policy : m_policies)
        if (!namespaces.count(policy.ns))
            skipped(policy.origin,
                    policy.origin.label + ": no imported workloads in namespace " + policy.ns);
    for (const auto *objects : {&m_quotas, &m_limitRanges})
        for (const auto &[ns, origin] : *objects)
            if (!namespaces.count(ns))
                skipped(origin, origin.label + ": no imported workloads in namespace " + ns);
}

void KubernetesImporter::addClusterBoundary()
{
    Boundary cluster;
    cluster.id = m_clusterId = m_builder.makeId("cluster");
    cluster.kind = "cluster";
    cluster.name = "Kubernetes cluster";
    cluster.properties["orchestrator"] = std::string("kubernetes");
    if (m_rbacBroad) {
        cluster.properties["rbacLeastPrivilege"] = std::string("no");
        for (const std::string &note : m_rbacNotes)
            appendNote(cluster.properties, note);
    }
    if (!m_clusterSecretReaders.empty()) {
        cluster.properties["secretReadersBroad"] = std::string("yes");
        for (const std::string &note : m_clusterSecretReaders)
            appendNote(cluster.properties, note);
    }
    std::set<std::string> withWorkloads;
    for (const Workload &w : m_workloads)
        if (!w.skipped)
            withWorkloads.insert(w.ns);
    // Quotas and Pod Security on every namespace with workloads speak for the cluster.
    if (!withWorkloads.empty()) {
        const auto everyNamespace = [&](const auto &holds) {
            return std::all_of(withWorkloads.begin(), withWorkloads.end(), holds);
        };
        cluster.properties["resourceQuotas"] = everyNamespace(
            [&](const std::string &ns) { return m_quotas.count(ns) > 0; });
        auto enforced = [&](const std::string &ns, const char *level) {
            const auto it = m_namespaceObjects.find(ns);
            if (it == m_namespaceObjects.end())
                return false;
            const auto label = it->second.labels.find("pod-security.kubernetes.io/enforce");
            if (label == it->second.labels.end())
                return false;
            return label->second == level
                   || (std::string_view(level) == "baseline" && label->second == "restricted");
        };
        if (everyNamespace([&](const std::string &ns) { return enforced(ns, "restricted"); }))
            cluster.properties["admissionPolicy"] = std::string("psaRestricted");
        else if (everyNamespace([&](const std::string &ns) { return enforced(ns, "baseline"); }))
            cluster.properties["admissionPolicy"] = std::string("psaBaseline");
    }
    m_builder.addBoundary(cluster);
}

void KubernetesImporter::addNamespaceBoundary(const std::string &ns)
{
    Boundary boundary;
    boundary.id = m_builder.makeId("ns-" + ns);
    boundary.kind = "namespace";
    boundary.name = ns;
    boundary.parent = m_clusterId;
    PropertyMap &p = boundary.properties;
    m_namespaceIds[ns] = boundary.id;
    p["systemNamespace"] = ns == "kube-system" || ns == "kube-public" || ns == "kube-node-lease";
    if (const auto it = m_namespaceObjects.find(ns); it != m_namespaceObjects.end()) {
        const Labels &labels = it->second.labels;
        std::string mode = "none";
        std::string level = "privileged";
        for (const char *candidate : {"enforce", "warn", "audit"}) {
            const auto label = labels.find(std::string("pod-security.kubernetes.io/") + candidate);
            if (label == labels.end())
                continue; // the values were checked while reading
            mode = candidate;
            level = label->second;
            break;
        }
        p["podSecurityMode"] = mode;
        p["podSecurityLevel"] = level;
        mapped(it->second.origin,
               it->second.origin.label + " → namespace boundary"
                   + (mode == "none" ? std::string(", no Pod Security level")
                                     : ", Pod Security " + level + " (" + mode + ")"));
    } else {
        appendNote(p, "The imported manifests do not declare this namespace; its Pod Security "
                      "labels are unknown.");
    }
    recordNetworkPolicies(ns, p);
    p["resourceQuotas"] = m_quotas.count(ns) > 0;
    for (auto [it, end] = m_quotas.equal_range(ns); it != end; ++it)
        mapped(it->second, it->second.label + " → namespace " + ns + " has a resource quota");
    p["limitRange"] = m_limitRanges.count(ns) > 0;
    for (auto [it, end] = m_limitRanges.equal_range(ns); it != end; ++it)
        mapped(it->second, it->second.label + " → namespace " + ns + " has default limits");
    m_builder.addBoundary(boundary);
}

void KubernetesImporter::recordNetworkPolicies(const std::string &ns, PropertyMap &p)
{
    // NetworkPolicies: the manifests are taken as the namespace's whole policy set.
    bool any = false;
    bool denyIngress = false;
    bool denyEgress = false;
    bool openIngress = false;
    bool openEgress = false;
    std::vector<std::string> names;
    for (const NetworkPolicy &policy : m_policies) {
        if (policy.ns != ns)
            continue;
        any = true;
        names.push_back(policy.name);
        const bool all = policy.podSelector.empty();
        const bool ingress = all && policy.ingressType && !policy.opensAll(false);
        const bool egress = all && policy.egressType && !policy.opensAll(true);
        denyIngress = denyIngress || ingress;
        denyEgress = denyEgress || egress;
        // Policies add up: one that opens everything to every pod undoes every default deny.
        openIngress = openIngress || (all && policy.opensAll(false));
        openEgress = openEgress || (all && policy.opensAll(true));
        const auto both = [](bool in, bool out) {
            return in && out ? "ingress and egress" : in ? "ingress" : "egress";
        };
        std::vector<std::string> what;
        if (ingress || egress)
            what.push_back(std::string("default deny ") + both(ingress, egress));
        if (policy.opensAll(false) || policy.opensAll(true))
            what.push_back(std::string("allows all ")
                           + both(policy.opensAll(false), policy.opensAll(true)));
        mapped(policy.origin, policy.origin.label + " → recorded on namespace " + ns + " (selects "
                                  + policy.podSelector.describe()
                                  + (what.empty() ? std::string() : ": " + joined(what, "; "))
                                  + ")");
    }
    p["networkPolicyEnforced"] = tri(any);
    p["defaultDenyIngress"] = tri(denyIngress && !openIngress);
    p["defaultDenyEgress"] = tri(denyEgress && !openEgress);
    if (any)
        appendNote(p, "NetworkPolicies: " + joined(names)
                          + ". Whether the network plugin enforces them is not in the manifests.");
}

} // namespace bulkhead::kubernetes
