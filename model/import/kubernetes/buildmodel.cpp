// Building the model: ingress elements, Secret stores, clients and the flows between them, the
// fallback layout, and the import as a whole (run).

#include "import/kubernetes/importer.h"
#include "import/kubernetes/semantics.h"

#include "import/importsupport.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace bulkhead::kubernetes {

Element KubernetesImporter::internetFacingIngress(const std::string &prefix,
                                                  const std::string &name, const std::string &ns)
{
    Element element;
    element.id = m_builder.makeId(prefix + "-" + name);
    element.kind = "ingress";
    element.name = prefix + "/" + name;
    element.boundary = m_namespaceIds.at(ns);
    element.properties["product"] = std::string("ingressController");
    element.properties["exposedToInternet"] = true;
    return element;
}

void KubernetesImporter::addIngressElements()
{
    for (Ingress &ingress : m_ingresses) {
        Element element = internetFacingIngress("ingress", ingress.name, ingress.ns);
        ingress.elementId = element.id;
        PropertyMap &p = element.properties;
        // TLS: every host the rules serve must be in a tls entry (one without hosts covers all).
        auto covered = [&](const std::string &host) {
            for (const Ingress::Tls &tls : ingress.tls) {
                if (tls.hosts.empty())
                    return true;
                for (const std::string &h : tls.hosts) {
                    if (h == host)
                        return true;
                    if (h.rfind("*.", 0) == 0 && host.size() > h.size() - 1
                        && host.compare(host.size() - (h.size() - 1), h.size() - 1, h.substr(1))
                               == 0
                        && host.find('.') == host.size() - (h.size() - 1))
                        return true;
                }
            }
            return false;
        };
        std::vector<std::string> plain;
        for (const std::string &host : ingress.hosts)
            if (!covered(host))
                plain.push_back(host);
        if (ingress.catchAllRule && !covered(""))
            plain.push_back("(any host)");
        const bool tls = !ingress.tls.empty() && plain.empty();
        p["tlsTermination"] = tri(tls);
        if (ingress.tls.empty())
            flagged(ingress.origin,
                    ingress.origin.label + ": no tls section; clients reach it over plain HTTP");
        else if (!plain.empty())
            flagged(ingress.origin,
                    ingress.origin.label + ": served without TLS for " + joined(plain));
        const Labels &a = ingress.annotations;
        auto annotated = [&](std::string_view name) {
            return a.count("nginx.ingress.kubernetes.io/" + std::string(name)) > 0;
        };
        if (const auto it = a.find("nginx.ingress.kubernetes.io/backend-protocol"); it != a.end())
            p["backendTls"] = tri(lower(it->second) == "https" || lower(it->second) == "grpcs");
        if (annotated("auth-url") || annotated("auth-type") || annotated("auth-tls-secret"))
            p["clientAuthentication"] = std::string("yes");
        if (annotated("limit-rps") || annotated("limit-rpm") || annotated("limit-connections"))
            p["rateLimiting"] = std::string("yes");
        if (const auto it = a.find("nginx.ingress.kubernetes.io/enable-modsecurity");
            it != a.end() && lower(it->second) == "true")
            p["waf"] = std::string("yes");
        if (annotated("configuration-snippet") || annotated("server-snippet")
            || annotated("auth-snippet")) {
            p["snippetsAllowed"] = std::string("yes");
            flagged(
                ingress.origin,
                ingress.origin.label
                    + ": uses configuration snippet annotations, so the controller allows them");
        }
        std::vector<std::string> notes;
        if (!ingress.className.empty())
            notes.push_back("Ingress class " + ingress.className + ".");
        if (!ingress.hosts.empty())
            notes.push_back("Hosts: " + joined(ingress.hosts) + ".");
        for (const Ingress::Tls &t : ingress.tls)
            if (!t.secretName.empty())
                notes.push_back("TLS certificate from Secret " + t.secretName + ".");
        if (const auto it = a.find("nginx.ingress.kubernetes.io/whitelist-source-range");
            it != a.end())
            notes.push_back("Only from " + it->second + ".");
        notes.push_back("Stands for the ingress controller that serves this Ingress; the "
                        "controller itself is not in the manifests.");
        for (const std::string &note : notes)
            appendNote(p, note);
        m_builder.addElement(element);
    }
}

void KubernetesImporter::addSecretStores()
{
    // One store per namespace whose workloads read Secrets, with a flow to each reader.
    for (const Workload &workload : m_workloads) {
        if (workload.skipped)
            continue;
        for (std::size_t c = 0; c < workload.pod.containers.size(); ++c) {
            const Container &container = workload.pod.containers[c];
            std::map<std::string, std::set<std::string>> how;
            for (const auto &[variable, secret] : container.secretEnv)
                how[secret].insert("environment");
            for (const VolumeMount &mount : container.mounts)
                if (const Volume *volume = workload.pod.volume(mount.volume))
                    for (const std::string &secret : volume->secrets)
                        how[secret].insert("files");
            if (how.empty())
                continue;
            std::string &store = m_secretStoreIds[workload.ns];
            if (store.empty()) {
                Element element;
                element.id = store = m_builder.makeId("secrets-" + workload.ns);
                element.kind = "secrets-store";
                element.name = "Kubernetes Secrets (" + workload.ns + ")";
                element.boundary = m_namespaceIds.at(workload.ns);
                element.properties["product"] = std::string("k8sSecrets");
                std::vector<std::string> declared;
                for (const auto &[key, secret] : m_secrets)
                    if (key.first == workload.ns)
                        declared.push_back(key.second);
                appendNote(element.properties,
                           "The Secrets of namespace " + workload.ns
                               + ", read by the kubelet for the pods that use them."
                               + (declared.empty() ? std::string()
                                                   : " Defined in the imported manifests: "
                                                         + joined(declared) + "."));
                m_builder.addElement(element);
            }
            std::vector<std::string> parts;
            std::vector<std::string> names;
            for (const auto &[secret, ways] : how) {
                std::vector<std::string> list(ways.begin(), ways.end());
                parts.push_back(secret + " (" + joined(list, " and ") + ")");
                names.push_back(secret);
            }
            PropertyMap properties;
            properties["carriesSecrets"] = true;
            properties["protocol"] = std::string("kubeApi");
            properties["encrypted"] = std::string("yes");
            properties["notes"] =
                "Delivered by the kubelet: Secret " + joined(parts)
                + ". As files they can be rotated and stay out of the "
                  "environment; in the environment, child processes and crash dumps can see them.";
            // The pod's kubelet fetches the Secret: the store never connects to the workload.
            m_builder.addFlow(store, workload.elementIds[c], "Secret " + joined(names), properties,
                              FlowInitiator::Target);
        }
    }
    for (const auto &[key, secret] : m_secrets) {
        if (secret.keyCount > 0)
            flagged(secret.origin,
                    secret.origin.label + ": the manifest carries the Secret's data ("
                        + std::to_string(secret.keyCount)
                        + (secret.keyCount == 1 ? " key" : " keys")
                        + ", values not imported); keep Secret values out of manifests");
        else
            mapped(secret.origin, secret.origin.label + ": declared without data");
    }
    for (const auto &[key, configMap] : m_configMaps) {
        if (!configMap.secretLookingKeys.empty())
            flagged(configMap.origin,
                    configMap.origin.label + ": keys that look like secrets ("
                        + joined(configMap.secretLookingKeys)
                        + "; values not imported); ConfigMaps are not for secrets");
        else
            mapped(configMap.origin,
                   configMap.origin.label + ": recorded on the containers that read it");
    }
    for (const auto &[key, account] : m_serviceAccounts)
        mapped(account.origin,
               account.origin.label + ": recorded on the containers that run as it"
                   + (account.automountToken ? std::string(", automountServiceAccountToken ")
                                                   + (*account.automountToken ? "true" : "false")
                                             : ""));
}

void KubernetesImporter::addClients()
{
    // Who reaches the exposed workloads: anyone on the internet, or whoever reaches the nodes.
    const bool internet = exposedToInternet();
    const bool network = std::any_of(m_exposures.begin(), m_exposures.end(), [](const Exposure &e) {
        return e.from == Exposure::From::NodeNetwork;
    });
    if (internet) {
        Element element;
        element.kind = "external-user";
        element.id = m_internetClientId = m_builder.makeId("internet-clients");
        element.name = "Internet clients";
        element.boundary = m_internetId;
        element.properties["onInternet"] = true;
        element.properties["role"] = std::string("anonymousInternet");
        element.properties["trustLevel"] = std::string("untrusted");
        appendNote(element.properties,
                   "Anyone on the internet: load balancers and ingresses accept their traffic.");
        m_builder.addElement(element);
    }
    if (network) {
        Element element;
        element.kind = "external-user";
        element.id = m_nodeClientId = m_builder.makeId("network-clients");
        element.name = "Clients on the nodes' network";
        element.properties["onInternet"] = false;
        appendNote(
            element.properties,
            "Whoever can reach the cluster's nodes or its private network: node ports, host ports, "
            "host-network pods, external IPs and internal load balancers are open to them.");
        m_builder.addElement(element);
    }
}

void KubernetesImporter::addExposureFlows()
{
    ThreatModel &model = m_result.model;
    for (const Ingress &ingress : m_ingresses) {
        const bool tls = std::get<std::string>(
                             model.findElement(ingress.elementId)->properties.at("tlsTermination"))
                         == "yes";
        PropertyMap properties;
        properties["protocol"] = std::string(tls ? "https" : "http");
        properties["port"] = std::int64_t(tls ? 443 : 80);
        properties["encrypted"] = tri(tls);
        properties["notes"] = "HTTP requests for "
                              + (ingress.hosts.empty() ? std::string("any host")
                                                       : joined(ingress.hosts))
                              + ".";
        m_builder.addFlow(m_internetClientId, ingress.elementId,
                          "Requests to ingress/" + ingress.name, properties);
    }
    for (const Exposure &e : m_exposures) {
        const Workload &workload = m_workloads[e.workload];
        const std::string source = e.from == Exposure::From::Ingress
                                       ? m_ingresses[e.ingress].elementId
                                   : e.from == Exposure::From::Gateway
                                       ? m_gateways[e.gateway].elementId
                                   : e.from == Exposure::From::Internet ? m_internetClientId
                                                                        : m_nodeClientId;
        PropertyMap properties;
        properties["protocol"] = e.protocol;
        properties["port"] = e.port;
        if (const auto encrypted = encryptedBy(e.protocol))
            properties["encrypted"] = *encrypted;
        properties["notes"] = e.notes + "\n"
                              + policyNote(workload, e.port, e.l4, e.portName, e.from);
        m_builder.addFlow(source, workload.elementIds[e.container], e.name, properties);
    }
}

void KubernetesImporter::layOut()
{
    // A plain grid, used when the automatic layout is not available: namespaces side by side in
    // the cluster, elements in rows of three inside them, clients on the left.
    using Grid = ImportModelBuilder;
    constexpr double top = 20;
    double x = 20;
    if (!m_internetId.empty())
        x += m_builder.layOutBoundary(m_internetId, x, top).width + Grid::gap;
    if (!m_nodeClientId.empty()) {
        m_builder.placeElement(m_nodeClientId, x, top + Grid::titleHeight);
        x += Grid::elementWidth + Grid::gap;
    }
    const double clusterX = x;
    x += Grid::padding;
    double bottom = top + Grid::titleHeight;
    for (const auto &[ns, id] : m_namespaceIds) {
        const Grid::Size size = m_builder.layOutBoundary(id, x, top + Grid::titleHeight);
        x += size.width + Grid::gap;
        bottom = std::max(bottom, top + Grid::titleHeight + size.height);
    }
    m_result.model.findBoundary(m_clusterId)->geometry = Rect{
        clusterX, top, std::max(x - Grid::gap + Grid::padding - clusterX, 2 * Grid::padding),
        bottom + Grid::padding - top};
}

void KubernetesImporter::build()
{
    markOwnedObjects();
    std::map<std::string, std::set<std::string>> kindsOf;
    for (const Workload &w : m_workloads)
        if (!w.skipped)
            kindsOf[w.ns + "/" + w.name].insert(w.kindName);
    for (const auto &[name, kinds] : kindsOf)
        if (kinds.size() > 1)
            m_sharedWithinNamespace.insert(name);
    std::map<std::string, std::set<std::string>> namespacesOf;
    for (const Workload &w : m_workloads)
        if (!w.skipped)
            namespacesOf[(m_sharedWithinNamespace.count(w.ns + "/" + w.name)
                              ? lower(w.kindName) + "/"
                              : std::string())
                         + w.name]
                .insert(w.ns);
    for (const auto &[name, namespaces] : namespacesOf)
        if (namespaces.size() > 1)
            m_sharedAcrossNamespaces.insert(name);
    computePermissions();
    planExposures();
    addBoundaries();
    addClients();
    for (std::size_t i = 0; i < m_workloads.size(); ++i)
        if (!m_workloads[i].skipped)
            addContainers(m_workloads[i], i);
    addIngressElements();
    addGatewayElements();
    addSecretStores();
    addGatewayFlows();
    addExposureFlows();
    addInferredFlows();
    m_builder.noteOmittedFlowNotes("routes or Services to the same port");
    layOut();

    ThreatModel &model = m_result.model;
    const std::vector<std::string> names = fileNames(m_files);
    model.metadata().title = "Kubernetes: "
                             + (names.size() == 1
                                    ? names.front()
                                    : std::to_string(names.size()) + " manifest files");
    model.metadata().description =
        "Imported from the Kubernetes manifests " + joined(names)
        + ". Environment variable values, Secret data and ConfigMap values were not imported.";
}

void KubernetesImporter::finishReport()
{
    std::vector<ImportFinding> *targets[3] = {&m_result.report.mapped, &m_result.report.flagged,
                                              &m_result.report.skipped};
    for (int i = 0; i < 3; ++i) {
        std::stable_sort(m_findings[i].begin(), m_findings[i].end(),
                         [](const PendingFinding &a, const PendingFinding &b) {
                             return std::tie(a.file, a.line) < std::tie(b.file, b.line);
                         });
        for (PendingFinding &pending : m_findings[i])
            targets[i]->push_back(std::move(pending.finding));
    }
}

Result<ImportResult> KubernetesImporter::run(const std::vector<std::string> &paths)
{
    try {
        collectFiles(paths);
        for (std::size_t i = 0; i < m_files.size(); ++i) {
            m_reading = i;
            // What the import needs is copied out, so each file's tree is dropped after reading.
            const auto file = readYamlFile(m_files[i]);
            if (!file)
                return Result<ImportResult>::failure(file.error());
            for (const YamlNode &document : file->documents)
                readDocument(document, int(i));
        }
        m_reading.reset();
        if (m_defined.empty() && m_findings[2].empty())
            return Result<ImportResult>::failure(
                m_files.front() + (m_files.size() > 1 ? " and the other files" : std::string())
                + ": no Kubernetes objects found");
        build();
        finishReport();
    } catch (const ImportFailure &failure) {
        return Result<ImportResult>::failure(failure.message);
    } catch (const std::exception &e) {
        // The file being read when it happened; while building the model, every file.
        const std::string where = m_reading ? m_files[*m_reading]
                                  : m_files.empty()
                                      ? std::string("import")
                                      : m_files.front()
                                            + (m_files.size() > 1 ? " and the other files" : "");
        return Result<ImportResult>::failure(where + ": cannot import: " + e.what());
    }
    return std::move(m_result);
}

} // namespace bulkhead::kubernetes
