#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "import/kubernetesimporter.h"
#include "io/modelwriter.h"
#include "layout/graphvizlayoutengine.h"
#include "report/analysisexport.h"
#include "importfindings.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <optional>
#include <random>

using namespace bulkhead;
using test::describe;
using test::hasFinding;

namespace {

QString fixture(const QString &name)
{
    return test::dataPath(QStringLiteral("import/k8s/") + name);
}

Result<ImportResult> importFixtures(std::initializer_list<QString> names)
{
    std::vector<std::string> paths;
    for (const QString &name : names)
        paths.push_back(fixture(name).toStdString());
    return importKubernetes(paths);
}

const Element *elementNamed(const ThreatModel &model, const std::string &name)
{
    for (const Element &e : model.elements())
        if (e.name == name)
            return &e;
    return nullptr;
}

const Boundary *boundaryNamed(const ThreatModel &model, const std::string &kind, const std::string &name)
{
    for (const Boundary &b : model.boundaries())
        if (b.kind == kind && b.name == name)
            return &b;
    return nullptr;
}

std::vector<const Flow *> flowsBetween(const ThreatModel &model, const Element *source, const Element *target)
{
    std::vector<const Flow *> result;
    if (!source || !target)
        return result;
    for (const Flow &f : model.flows())
        if (f.source == source->id && f.target == target->id)
            result.push_back(&f);
    return result;
}

/** A property as the model stores it; nothing when it is not set. */
std::optional<PropertyValue> prop(const PropertyMap &properties, const std::string &name)
{
    const auto it = properties.find(name);
    if (it == properties.end())
        return std::nullopt;
    return it->second;
}

std::string shown(const std::optional<PropertyValue> &value)
{
    return value ? propertyValueToDisplayString(*value) + " (" + propertyValueTypeName(*value) + ")" : std::string("(not set)");
}

/** The property is set to exactly `expected`, type included. */
#define CHECK_PROP(properties, name, expected)                                                                  \
    do {                                                                                                       \
        const auto actual_ = prop(properties, name);                                                           \
        QVERIFY2(actual_ && *actual_ == PropertyValue(expected), (std::string(name) + " = " + shown(actual_)).c_str()); \
    } while (false)

PropertyValue text(const char *value)
{
    return std::string(value);
}

PropertyValue list(std::initializer_list<const char *> values)
{
    StringList result;
    for (const char *v : values)
        result.emplace_back(v);
    return result;
}

std::string noteOf(const PropertyMap &properties)
{
    const auto it = properties.find("notes");
    return it == properties.end() ? std::string() : std::get<std::string>(it->second);
}

} // namespace

class TestImportKubernetes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workloadKinds()
    {
        const auto result = importFixtures({QStringLiteral("workloads.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;

        const Boundary *cluster = boundaryNamed(model, "cluster", "Kubernetes cluster");
        const Boundary *apps = boundaryNamed(model, "namespace", "apps");
        QVERIFY(cluster && apps);
        QCOMPARE(apps->parent, cluster->id);
        CHECK_PROP(cluster->properties, "orchestrator", text("kubernetes"));
        QVERIFY(!boundaryNamed(model, "internet", "Internet")); // nothing is exposed

        for (const char *name : {"frontend", "log-agent", "legacy-worker",
                                 "debug-shell", "migrate", "nightly-backup/backup",
                                 "nightly-backup/wait-for-db (init)"}) {
            const Element *e = elementNamed(model, name);
            QVERIFY2(e, name);
            QCOMPARE(e->kind, std::string("container"));
            QCOMPARE(e->boundary, apps->id);
            CHECK_PROP(e->properties, "platform", text("kubernetes"));
            CHECK_PROP(e->properties, "namespace", text("apps"));
        }
        QCOMPARE(model.elements().size(), std::size_t(8));

        const Element *frontend = elementNamed(model, "frontend");
        CHECK_PROP(frontend->properties, "image.ref", text("registry.example.com/shop/frontend:2.4.1"));
        CHECK_PROP(frontend->properties, "image.pinnedByDigest", text("no"));
        CHECK_PROP(frontend->properties, "image.source", text("unknown"));
        CHECK_PROP(frontend->properties, "imagePullPolicy", text("ifNotPresent"));
        CHECK_PROP(frontend->properties, "requiredPorts", list({"8080/tcp"}));
        CHECK_PROP(frontend->properties, "restartPolicy", text("always"));
        QVERIFY(noteOf(frontend->properties).find("3 replicas") != std::string::npos);

        const Element *postgres = elementNamed(model, "postgres");
        // A well-known image: its role deployed as a container, in the same namespace.
        QCOMPARE(postgres->kind, std::string("database"));
        QCOMPARE(postgres->boundary, apps->id);
        CHECK_PROP(postgres->properties, "deployedAs", text("container"));
        CHECK_PROP(postgres->properties, "product", text("postgres"));
        CHECK_PROP(postgres->properties, "namespace", text("apps"));
        QVERIFY(!prop(postgres->properties, "tags"));
        CHECK_PROP(postgres->properties, "image.source", text("officialPublic"));
        QVERIFY(noteOf(postgres->properties).find("persistent volume claim data") != std::string::npos);

        // No tag means "latest": Kubernetes then pulls on every start.
        const Element *debug = elementNamed(model, "debug-shell");
        CHECK_PROP(debug->properties, "imagePullPolicy", text("always"));

        CHECK_PROP(elementNamed(model, "migrate")->properties, "restartPolicy", text("no"));
        const Element *init = elementNamed(model, "nightly-backup/wait-for-db (init)");
        QVERIFY(noteOf(init->properties).find("init container") != std::string::npos);
        CHECK_PROP(init->properties, "restartPolicy", text("onFailure"));
        QVERIFY(noteOf(elementNamed(model, "nightly-backup/backup")->properties).find("0 3 * * *") != std::string::npos);
        // Jobs, CronJobs and init containers run to completion: long-running rules skip them.
        CHECK_PROP(elementNamed(model, "migrate")->properties, "oneShot", true);
        CHECK_PROP(elementNamed(model, "nightly-backup/backup")->properties, "oneShot", true);
        CHECK_PROP(init->properties, "oneShot", true);
        QVERIFY(!prop(elementNamed(model, "frontend")->properties, "oneShot"));
        QVERIFY(!prop(elementNamed(model, "debug-shell")->properties, "oneShot"));
        QVERIFY2(hasFinding(result->report.mapped, "workloads.yaml:108",
                            "migrate: runs to completion and exits (a Job's container): oneShot yes"),
                 describe(result->report.mapped).c_str());
        QVERIFY(hasFinding(result->report.mapped, "workloads.yaml:127",
                           "runs to completion and exits (a CronJob's container): oneShot yes"));

        QVERIFY2(hasFinding(result->report.mapped, "workloads.yaml:2", "Deployment apps/frontend → container frontend"),
                 describe(result->report.mapped).c_str());
        QVERIFY(hasFinding(result->report.mapped, "workloads.yaml:111", "CronJob apps/nightly-backup → 2 containers"));
        QVERIFY(result->report.skipped.empty());
    }

    /** replicas takes any int32 that is not negative. */
    void replicasUpToInt32()
    {
        const auto result = importFixtures({QStringLiteral("replicas.yaml")});
        QVERIFY2(result, result.error().c_str());
        const Element *swarm = elementNamed(result->model, "swarm");
        QVERIFY(swarm);
        QVERIFY2(noteOf(swarm->properties).find("Runs 2147483647 replicas.") != std::string::npos, noteOf(swarm->properties).c_str());
        QVERIFY(noteOf(elementNamed(result->model, "ring")->properties).find("Runs 3 replicas.") != std::string::npos);
    }

    /** A StatefulSet's claim replaces a template volume of the same name. */
    void statefulSetClaimReplacesVolume()
    {
        const auto result = importFixtures({QStringLiteral("statefulset-claim.yaml")});
        QVERIFY2(result, result.error().c_str());
        const Element *db = elementNamed(result->model, "db");
        QVERIFY(db);
        CHECK_PROP(db->properties, "hostPathMounts", list({}));
        QVERIFY2(noteOf(db->properties).find("persistent volume claim pgdata (one per replica) at /var/lib/postgresql/data") != std::string::npos,
                 noteOf(db->properties).c_str());
        QVERIFY(!hasFinding(result->report.flagged, "", "/srv/pgdata"));
    }

    void securityContext()
    {
        const auto result = importFixtures({QStringLiteral("security-context.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;

        // Container settings override the pod's.
        const Element *api = elementNamed(model, "payments/api");
        QVERIFY(api);
        const PropertyMap &p = api->properties;
        CHECK_PROP(p, "runAsNonRoot", text("yes"));
        CHECK_PROP(p, "runAsUser", text("10001"));
        CHECK_PROP(p, "privileged", PropertyValue(false));
        CHECK_PROP(p, "allowPrivilegeEscalation", text("no"));
        CHECK_PROP(p, "readOnlyRootFilesystem", PropertyValue(true));
        CHECK_PROP(p, "capDropAll", PropertyValue(true));
        CHECK_PROP(p, "capabilitiesAdded", list({"NET_BIND_SERVICE"}));
        CHECK_PROP(p, "capabilitiesDropped", list({}));
        CHECK_PROP(p, "seccompProfile", text("runtimeDefault"));
        CHECK_PROP(p, "memoryLimit", text("256Mi"));
        CHECK_PROP(p, "cpuLimit", text("500m"));
        CHECK_PROP(p, "ephemeralStorageLimit", text("1Gi"));
        CHECK_PROP(p, "image.pinnedByDigest", text("yes"));
        CHECK_PROP(p, "imagePullPolicy", text("ifNotPresent"));
        CHECK_PROP(p, "healthcheckDefined", PropertyValue(true));
        CHECK_PROP(p, "serviceAccount", text("payments"));
        CHECK_PROP(p, "automountSAToken", text("no"));
        CHECK_PROP(p, "saPermissions", text("none"));
        CHECK_PROP(p, "hostNetwork", PropertyValue(false));
        CHECK_PROP(p, "hostPathMounts", list({}));

        // The pod's settings reach a container that sets nothing; Kubernetes' defaults fill the rest.
        const Element *metrics = elementNamed(model, "payments/metrics");
        QVERIFY(metrics);
        const PropertyMap &m = metrics->properties;
        CHECK_PROP(m, "runAsNonRoot", text("yes"));
        CHECK_PROP(m, "runAsUser", text("1000"));
        CHECK_PROP(m, "allowPrivilegeEscalation", text("yes"));
        CHECK_PROP(m, "readOnlyRootFilesystem", PropertyValue(false));
        CHECK_PROP(m, "capDropAll", PropertyValue(false));
        CHECK_PROP(m, "capabilitiesDropped", list({"NET_RAW"}));
        CHECK_PROP(m, "seccompProfile", text("localhost"));
        CHECK_PROP(m, "imagePullPolicy", text("always"));
        CHECK_PROP(m, "healthcheckDefined", PropertyValue(false));
        QVERIFY(!prop(m, "memoryLimit"));
        // prom/ is the Prometheus project's own Docker Hub organisation.
        CHECK_PROP(m, "image.source", text("officialPublic"));
    }

    /** AppArmor: the container's securityContext, then its annotation, then the pod's securityContext. */
    void appArmorPrecedence()
    {
        const auto result = importFixtures({QStringLiteral("apparmor.yaml")});
        QVERIFY2(result, result.error().c_str());
        CHECK_PROP(elementNamed(result->model, "shop/web")->properties, "appArmor", text("unconfined"));
        CHECK_PROP(elementNamed(result->model, "shop/api")->properties, "appArmor", text("custom"));
        CHECK_PROP(elementNamed(result->model, "shop/side")->properties, "appArmor", text("runtimeDefault"));
    }

    void privilegedPodYieldsBreakout()
    {
        auto result = importFixtures({QStringLiteral("privileged.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        const Element *agent = elementNamed(model, "node-agent");
        QVERIFY(agent);
        const PropertyMap &p = agent->properties;
        CHECK_PROP(p, "privileged", PropertyValue(true));
        CHECK_PROP(p, "allowPrivilegeEscalation", text("yes"));
        CHECK_PROP(p, "runAsUser", text("0"));
        CHECK_PROP(p, "runAsNonRoot", text("no"));
        CHECK_PROP(p, "capabilitiesAdded", list({"SYS_ADMIN", "SYS_PTRACE"}));
        CHECK_PROP(p, "seccompProfile", text("unconfined"));
        CHECK_PROP(p, "hostNetwork", PropertyValue(true));
        CHECK_PROP(p, "hostPID", PropertyValue(true));
        CHECK_PROP(p, "hostIPC", PropertyValue(true));
        CHECK_PROP(p, "hostPathMounts", list({"/var/run/docker.sock", "/:ro"}));
        CHECK_PROP(p, "mountPropagation", text("hostToContainer"));
        CHECK_PROP(p, "publishedPorts", list({"0.0.0.0:9100->9100/tcp"}));
        QVERIFY(noteOf(p).find("every node") != std::string::npos);

        // The host port is reachable from the nodes' network.
        const Element *clients = elementNamed(model, "Clients on the nodes' network");
        QVERIFY(clients);
        QCOMPARE(clients->boundary, std::string());
        const auto flows = flowsBetween(model, clients, agent);
        QCOMPARE(flows.size(), std::size_t(1));
        CHECK_PROP(flows.front()->properties, "port", PropertyValue(std::int64_t(9100)));

        const auto &flagged = result->report.flagged;
        QVERIFY2(hasFinding(flagged, "privileged.yaml:18", "privileged: true"), describe(flagged).c_str());
        QVERIFY2(hasFinding(flagged, "", "mounts the host socket /var/run/docker.sock (hostPath type Socket) — the container runtime's socket"), describe(flagged).c_str());
        QVERIFY(hasFinding(flagged, "", "host path / read-only — the host's whole filesystem"));
        QVERIFY(hasFinding(flagged, "", "hostPID: true"));
        QVERIFY(hasFinding(flagged, "", "hostPort 9100"));
        QVERIFY(hasFinding(flagged, "", "runs as user 0"));

        GraphvizLayoutEngine layout;
        finishImport(*result, builtInCatalog(), layout);
        const AnalysisResult analysis = analyzeModel(result->model, builtInCatalog());
        for (const char *rule : {"RUN-01", "RUN-02", "RUN-03", "RUN-04", "RUN-06", "RUN-07"}) {
            const Threat *threat = analysis.findThreat(std::string(rule) + "@" + agent->id);
            QVERIFY2(threat, rule);
            QVERIFY2(!threat->needsConfirmation, rule);
        }
    }

    /** A Windows HostProcess container runs on the node: privileged, and flagged so. */
    void windowsHostProcess()
    {
        const auto result = importFixtures({QStringLiteral("hostprocess.yaml")});
        QVERIFY2(result, result.error().c_str());
        for (const char *name : {"node-setup", "log-agent"}) {
            const Element *e = elementNamed(result->model, name);
            QVERIFY2(e, name);
            CHECK_PROP(e->properties, "privileged", PropertyValue(true));
            CHECK_PROP(e->properties, "allowPrivilegeEscalation", text("yes"));
        }
        CHECK_PROP(elementNamed(result->model, "plain")->properties, "privileged", PropertyValue(false));
        const auto &flagged = result->report.flagged;
        QVERIFY2(hasFinding(flagged, "hostprocess.yaml:11", "node-setup: windowsOptions.hostProcess: true — "), describe(flagged).c_str());
        QVERIFY(hasFinding(flagged, "hostprocess.yaml:24", "log-agent: windowsOptions.hostProcess: true — "));
        QVERIFY(!hasFinding(flagged, "", "plain:"));
    }

    /** Host paths are stored as the kernel resolves them, so the catalog's rules see them. */
    void hostPathsNormalised()
    {
        auto result = importFixtures({QStringLiteral("hostpaths.yaml")});
        QVERIFY2(result, result.error().c_str());
        const Element *slash = elementNamed(result->model, "slash");
        const Element *doubled = elementNamed(result->model, "doubled");
        const Element *sockets = elementNamed(result->model, "sockets");
        QVERIFY(slash && doubled && sockets);
        CHECK_PROP(slash->properties, "hostPathMounts", list({"/etc"}));
        CHECK_PROP(doubled->properties, "hostPathMounts", list({"/etc:ro"}));
        CHECK_PROP(sockets->properties, "hostPathMounts",
                   list({"/opt/agent/agent.sock", "/run/containerd/containerd.sock:ro", "/var/lib/kubelet/pki:ro", "/var:ro"}));

        const auto &flagged = result->report.flagged;
        QVERIFY2(hasFinding(flagged, "hostpaths.yaml:7", "slash: mounts the host path /etc (written /etc/) writable — host configuration"),
                 describe(flagged).c_str());
        QVERIFY(hasFinding(flagged, "hostpaths.yaml:29", "sockets: mounts the host socket /opt/agent/agent.sock (hostPath type Socket) — "));
        QVERIFY(hasFinding(flagged, "hostpaths.yaml:29",
                           "sockets: mounts the host socket /run/containerd/containerd.sock (written /run//containerd/containerd.sock; "
                           "read-only does not restrict what the socket allows) — the container runtime's socket"));
        QVERIFY(hasFinding(flagged, "hostpaths.yaml:29", "sockets: mounts the host path /var read-only — a parent of "));

        GraphvizLayoutEngine layout;
        finishImport(*result, builtInCatalog(), layout);
        const AnalysisResult analysis = analyzeModel(result->model, builtInCatalog());
        for (const Element *e : {slash, doubled, sockets}) {
            const Threat *threat = analysis.findThreat("RUN-06@" + e->id);
            QVERIFY2(threat, e->name.c_str());
        }
        QVERIFY(analysis.findThreat("RUN-07@" + sockets->id));
    }

    /** Ephemeral (debug) containers are not elements, but what makes them dangerous is flagged. */
    void ephemeralContainersFlagged()
    {
        const auto result = importFixtures({QStringLiteral("ephemeral.yaml")});
        QVERIFY2(result, result.error().c_str());
        QCOMPARE(result->model.elements().size(), std::size_t(1));
        const auto &report = result->report;
        QVERIFY2(hasFinding(report.skipped, "ephemeral.yaml:2", "the ephemeral (debug) container debugger is not mapped"), describe(report.skipped).c_str());
        QVERIFY2(hasFinding(report.flagged, "ephemeral.yaml:10", "api: the ephemeral (debug) container debugger: privileged: true"),
                 describe(report.flagged).c_str());
        QVERIFY(hasFinding(report.flagged, "ephemeral.yaml:10", "api: the ephemeral (debug) container debugger: adds the capabilities SYS_PTRACE"));
        QVERIFY(hasFinding(report.flagged, "ephemeral.yaml:10",
                           "api: the ephemeral (debug) container debugger: mounts the host path /var/lib/kubelet read-only — the kubelet's state"));
        QVERIFY(!hasFinding(report.flagged, "", "container quiet"));
    }

    void services()
    {
        const auto result = importFixtures({QStringLiteral("services.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        const Element *web = elementNamed(model, "web");
        const Element *admin = elementNamed(model, "admin");
        const Element *internet = elementNamed(model, "Internet clients");
        const Element *network = elementNamed(model, "Clients on the nodes' network");
        QVERIFY(web && admin && internet && network);

        const Boundary *internetBoundary = boundaryNamed(model, "internet", "Internet");
        QVERIFY(internetBoundary);
        QCOMPARE(internet->boundary, internetBoundary->id);
        CHECK_PROP(internet->properties, "role", text("anonymousInternet"));
        QCOMPARE(network->boundary, std::string());
        CHECK_PROP(network->properties, "onInternet", PropertyValue(false));

        // LoadBalancer: from the internet, to the named target port, with its app protocol.
        const auto fromInternet = flowsBetween(model, internet, web);
        QCOMPARE(fromInternet.size(), std::size_t(1));
        CHECK_PROP(fromInternet.front()->properties, "port", PropertyValue(std::int64_t(8443)));
        CHECK_PROP(fromInternet.front()->properties, "protocol", text("https"));
        CHECK_PROP(fromInternet.front()->properties, "encrypted", text("yes"));
        QVERIFY(noteOf(fromInternet.front()->properties).find("Service web-public (LoadBalancer) port 443") != std::string::npos);
        CHECK_PROP(web->properties, "acceptsUntrustedInput", text("yes"));

        // NodePort: from the nodes' network, through node port 30080.
        const auto fromNetwork = flowsBetween(model, network, web);
        QCOMPARE(fromNetwork.size(), std::size_t(1));
        CHECK_PROP(fromNetwork.front()->properties, "port", PropertyValue(std::int64_t(8080)));
        CHECK_PROP(fromNetwork.front()->properties, "protocol", text("http"));
        CHECK_PROP(fromNetwork.front()->properties, "encrypted", text("no"));
        QCOMPARE(fromNetwork.front()->name, std::string("service/web-nodeport node port 30080 → 8080/tcp"));
        CHECK_PROP(web->properties, "publishedPorts", list({"0.0.0.0:30080->8080/tcp", "0.0.0.0:30000-32767->8443/tcp"}));
        CHECK_PROP(web->properties, "requiredPorts", list({"8080/tcp", "8443/tcp"}));

        // An internal load balancer stays off the internet.
        QVERIFY(flowsBetween(model, internet, admin).empty());
        const auto toAdmin = flowsBetween(model, network, admin);
        QCOMPARE(toAdmin.size(), std::size_t(1));
        CHECK_PROP(toAdmin.front()->properties, "port", PropertyValue(std::int64_t(9000)));
        CHECK_PROP(admin->properties, "requiredPorts", list({"9000/tcp"}));
        QVERIFY(!prop(admin->properties, "acceptsUntrustedInput"));

        const auto &report = result->report;
        QVERIFY2(hasFinding(report.mapped, "services.yaml:23", "Service web/web-internal (ClusterIP): reachable inside the cluster: web 8080/tcp"),
                 describe(report.mapped).c_str());
        QVERIFY(hasFinding(report.flagged, "services.yaml:48", "exposes web 8443/tcp to the internet"));
        QVERIFY(hasFinding(report.skipped, "services.yaml:92", "Service web/nobody-home (ClusterIP): its selector matches no imported pods"));
        QVERIFY(hasFinding(report.skipped, "services.yaml:102", "an alias for api.partner.example.net"));
        QCOMPARE(model.flows().size(), std::size_t(3));
    }

    void ingress()
    {
        const auto result = importFixtures({QStringLiteral("ingress.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        const Element *shop = elementNamed(model, "ingress/shop");
        const Element *legacy = elementNamed(model, "ingress/legacy");
        const Element *storefront = elementNamed(model, "storefront");
        const Element *internet = elementNamed(model, "Internet clients");
        QVERIFY(shop && legacy && storefront && internet);
        QCOMPARE(shop->kind, std::string("ingress"));
        QCOMPARE(shop->boundary, boundaryNamed(model, "namespace", "shop")->id);
        CHECK_PROP(shop->properties, "exposedToInternet", PropertyValue(true));
        CHECK_PROP(shop->properties, "tlsTermination", text("yes"));
        CHECK_PROP(shop->properties, "rateLimiting", text("yes"));
        CHECK_PROP(legacy->properties, "tlsTermination", text("no"));

        const auto requests = flowsBetween(model, internet, shop);
        QCOMPARE(requests.size(), std::size_t(1));
        CHECK_PROP(requests.front()->properties, "protocol", text("https"));
        CHECK_PROP(requests.front()->properties, "port", PropertyValue(std::int64_t(443)));
        const auto plain = flowsBetween(model, internet, legacy);
        QCOMPARE(plain.size(), std::size_t(1));
        CHECK_PROP(plain.front()->properties, "protocol", text("http"));
        CHECK_PROP(plain.front()->properties, "encrypted", text("no"));

        // Both rules of "shop" reach the same container port: one flow naming both routes.
        const auto backend = flowsBetween(model, shop, storefront);
        QCOMPARE(backend.size(), std::size_t(1));
        CHECK_PROP(backend.front()->properties, "port", PropertyValue(std::int64_t(3000)));
        CHECK_PROP(backend.front()->properties, "protocol", text("http"));
        const std::string notes = noteOf(backend.front()->properties);
        QVERIFY2(notes.find("shop.example.com /") != std::string::npos, notes.c_str());
        QVERIFY2(notes.find("static.shop.example.com /assets") != std::string::npos, notes.c_str());
        QCOMPARE(flowsBetween(model, legacy, storefront).size(), std::size_t(1));
        CHECK_PROP(storefront->properties, "acceptsUntrustedInput", text("yes"));

        QVERIFY2(hasFinding(result->report.flagged, "ingress.yaml:67", "Ingress shop/legacy: no tls section"),
                 describe(result->report.flagged).c_str());
        QVERIFY2(hasFinding(result->report.skipped, "ingress.yaml:87", "the backend Service reports is not among the imported manifests"),
                 describe(result->report.skipped).c_str());
    }

    /** Many routes to one port make one flow whose notes name a few of them (they were searched and kept all). */
    void manyIngressRoutes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("routes.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: a, labels: {app: web}}\n"
                   "spec:\n  containers: [{name: web, image: nginx:1.27, ports: [{containerPort: 8080}]}]\n---\n"
                   "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: a}\n"
                   "spec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n---\n"
                   "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: a}\n"
                   "spec:\n  rules:\n  - host: example.com\n    http:\n      paths:\n");
        constexpr int routes = 3000;
        for (int i = 0; i < routes; ++i)
            file.write(QStringLiteral("      - {path: /p%1, backend: {service: {name: web, port: {number: 80}}}}\n").arg(i).toUtf8());
        file.close();
        const auto result = importKubernetes({path.toStdString()});
        QVERIFY2(result, result.error().c_str());
        const auto flows = flowsBetween(result->model, elementNamed(result->model, "ingress/web"), elementNamed(result->model, "web"));
        QCOMPARE(flows.size(), std::size_t(1));
        const std::string notes = noteOf(flows.front()->properties);
        QVERIFY2(notes.find("Routes example.com /p0.") != std::string::npos, notes.substr(0, 300).c_str());
        QVERIFY2(notes.find("Routes example.com /p" + std::to_string(routes - 1) + ".") == std::string::npos, notes.substr(0, 300).c_str());
        // The routes listed and those counted add up.
        std::size_t listed = 0;
        for (std::size_t at = notes.find("Routes example.com /p"); at != std::string::npos; at = notes.find("Routes example.com /p", at + 1))
            ++listed;
        QVERIFY(listed >= 10);
        QVERIFY2(notes.find("And " + std::to_string(routes - listed) + " more routes or Services to the same port, not listed.")
                     != std::string::npos,
                 notes.substr(notes.size() > 300 ? notes.size() - 300 : 0).c_str());
        // What the policies make of the flow is said once, not once per route.
        const std::string policy = "No NetworkPolicy selects the target pods";
        QVERIFY2(notes.find(policy) != std::string::npos && notes.find(policy) == notes.rfind(policy), notes.substr(0, 600).c_str());
        QVERIFY2(notes.size() < 2000, std::to_string(notes.size()).c_str());
    }

    void workloadsSharingANameInANamespace()
    {
        const auto result = importFixtures({QStringLiteral("name-clash.yaml")});
        QVERIFY2(result, result.error().c_str());
        const Element *deployment = elementNamed(result->model, "deployment/report");
        const Element *cronJob = elementNamed(result->model, "cronjob/report");
        QVERIFY(deployment && cronJob);
        QVERIFY(!elementNamed(result->model, "report"));
        QCOMPARE(deployment->boundary, cronJob->boundary);
    }

    void namespaces()
    {
        const auto result = importFixtures({QStringLiteral("namespaces.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        const Boundary *cluster = boundaryNamed(model, "cluster", "Kubernetes cluster");
        const Boundary *prod = boundaryNamed(model, "namespace", "prod");
        const Boundary *staging = boundaryNamed(model, "namespace", "staging");
        const Boundary *sandbox = boundaryNamed(model, "namespace", "sandbox");
        const Boundary *system = boundaryNamed(model, "namespace", "kube-system");
        QVERIFY(cluster && prod && staging && sandbox && system);
        for (const Boundary *b : {prod, staging, sandbox, system})
            QCOMPARE(b->parent, cluster->id);

        CHECK_PROP(prod->properties, "podSecurityLevel", text("restricted"));
        CHECK_PROP(prod->properties, "podSecurityMode", text("enforce"));
        CHECK_PROP(prod->properties, "resourceQuotas", PropertyValue(true));
        CHECK_PROP(prod->properties, "limitRange", PropertyValue(true));
        CHECK_PROP(staging->properties, "podSecurityLevel", text("baseline"));
        CHECK_PROP(staging->properties, "podSecurityMode", text("warn"));
        CHECK_PROP(staging->properties, "resourceQuotas", PropertyValue(false));
        CHECK_PROP(sandbox->properties, "podSecurityMode", text("none"));
        CHECK_PROP(system->properties, "systemNamespace", PropertyValue(true));
        CHECK_PROP(prod->properties, "systemNamespace", PropertyValue(false));
        QVERIFY(!prop(system->properties, "podSecurityMode"));
        QVERIFY(noteOf(system->properties).find("do not declare") != std::string::npos);

        // The same workload name in two namespaces: the names say which is which.
        const Element *prodApi = elementNamed(model, "prod: api");
        const Element *stagingApi = elementNamed(model, "staging: api");
        QVERIFY(prodApi && stagingApi);
        QCOMPARE(prodApi->boundary, prod->id);
        QCOMPARE(stagingApi->boundary, staging->id);
        QVERIFY(elementNamed(model, "coredns-probe"));
        // Not every namespace enforces Pod Security, and not all have quotas.
        QVERIFY(!prop(cluster->properties, "admissionPolicy"));
        CHECK_PROP(cluster->properties, "resourceQuotas", PropertyValue(false));
        QVERIFY(hasFinding(result->report.mapped, "namespaces.yaml:2", "Namespace prod → namespace boundary, Pod Security restricted (enforce)"));
    }

    /** An empty namespace is the default one. */
    void emptyNamespaceIsDefault()
    {
        const auto result = importFixtures({QStringLiteral("empty-namespace.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        const Boundary *defaultNs = boundaryNamed(model, "namespace", "default");
        QVERIFY(defaultNs);
        QVERIFY(!boundaryNamed(model, "namespace", ""));
        const Element *web = elementNamed(model, "web");
        QVERIFY(web);
        QCOMPARE(web->boundary, defaultNs->id);
        CHECK_PROP(web->properties, "namespace", text("default"));
        CHECK_PROP(web->properties, "egressRestricted", text("yes"));
        QCOMPARE(flowsBetween(model, elementNamed(model, "Internet clients"), web).size(), std::size_t(1));
        QVERIFY2(hasFinding(result->report.mapped, "empty-namespace.yaml:2", "Pod default/web → container web"), describe(result->report.mapped).c_str());
    }

    void networkPolicies()
    {
        const auto result = importFixtures({QStringLiteral("networkpolicy.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        const Boundary *secure = boundaryNamed(model, "namespace", "secure");
        const Boundary *open = boundaryNamed(model, "namespace", "open");
        const Boundary *partial = boundaryNamed(model, "namespace", "partial");
        QVERIFY(secure && open && partial);
        CHECK_PROP(secure->properties, "networkPolicyEnforced", text("yes"));
        CHECK_PROP(secure->properties, "defaultDenyIngress", text("yes"));
        CHECK_PROP(secure->properties, "defaultDenyEgress", text("yes"));
        CHECK_PROP(open->properties, "networkPolicyEnforced", text("no"));
        CHECK_PROP(open->properties, "defaultDenyIngress", text("no"));
        CHECK_PROP(partial->properties, "networkPolicyEnforced", text("yes"));
        CHECK_PROP(partial->properties, "defaultDenyIngress", text("no"));
        CHECK_PROP(partial->properties, "defaultDenyEgress", text("no"));
        QVERIFY(noteOf(secure->properties).find("default-deny, allow-api-https") != std::string::npos);

        const Element *api = elementNamed(model, "api");
        const Element *worker = elementNamed(model, "worker");
        const Element *legacy = elementNamed(model, "legacy");
        QVERIFY(api && worker && legacy);
        CHECK_PROP(api->properties, "egressRestricted", text("yes"));
        CHECK_PROP(legacy->properties, "egressRestricted", text("no"));

        // Each flow says what the policies make of it.
        const auto toApi = flowsBetween(model, elementNamed(model, "Internet clients"), api);
        QCOMPARE(toApi.size(), std::size_t(1));
        QVERIFY2(noteOf(toApi.front()->properties).find("allows it from anywhere: allow-api-https (from 0.0.0.0/0)") != std::string::npos,
                 noteOf(toApi.front()->properties).c_str());
        const auto toWorker = flowsBetween(model, elementNamed(model, "Clients on the nodes' network"), worker);
        QCOMPARE(toWorker.size(), std::size_t(1));
        QVERIFY2(noteOf(toWorker.front()->properties).find("NetworkPolicy default-deny isolates the target pods and no rule admits") != std::string::npos,
                 noteOf(toWorker.front()->properties).c_str());
        const auto toLegacy = flowsBetween(model, elementNamed(model, "Internet clients"), legacy);
        QCOMPARE(toLegacy.size(), std::size_t(1));
        QVERIFY(noteOf(toLegacy.front()->properties).find("No NetworkPolicy selects the target pods") != std::string::npos);

        QVERIFY2(hasFinding(result->report.mapped, "networkpolicy.yaml:3", "NetworkPolicy secure/default-deny → recorded on namespace secure (selects all pods: default deny ingress and egress)"),
                 describe(result->report.mapped).c_str());
    }

    /** Policies selecting a pod add up: any one isolates it, any allow-all rule opens it again. */
    void networkPoliciesCombine()
    {
        const auto result = importFixtures({QStringLiteral("policies-combined.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        const Boundary *a = boundaryNamed(model, "namespace", "a");
        const Boundary *b = boundaryNamed(model, "namespace", "b");
        const Boundary *c = boundaryNamed(model, "namespace", "c");
        const Boundary *d = boundaryNamed(model, "namespace", "d");
        QVERIFY(a && b && c && d);
        // deny-all and allow-all together allow all.
        CHECK_PROP(a->properties, "defaultDenyIngress", text("no"));
        CHECK_PROP(a->properties, "defaultDenyEgress", text("no"));
        CHECK_PROP(elementNamed(model, "a: web")->properties, "egressRestricted", text("no"));
        const auto toA = flowsBetween(model, elementNamed(model, "Internet clients"), elementNamed(model, "a: web"));
        QCOMPARE(toA.size(), std::size_t(1));
        QVERIFY2(noteOf(toA.front()->properties).find("allows it from anywhere: allow-all") != std::string::npos,
                 noteOf(toA.front()->properties).c_str());
        // An ipBlock of every address opens everything.
        CHECK_PROP(b->properties, "defaultDenyEgress", text("no"));
        CHECK_PROP(elementNamed(model, "b: web")->properties, "egressRestricted", text("no"));
        // A policy for one pod opens only that pod.
        CHECK_PROP(c->properties, "defaultDenyEgress", text("yes"));
        CHECK_PROP(elementNamed(model, "c: web")->properties, "egressRestricted", text("no"));
        CHECK_PROP(elementNamed(model, "worker")->properties, "egressRestricted", text("yes"));
        // "except" keeps a restriction.
        CHECK_PROP(d->properties, "defaultDenyIngress", text("no"));
        CHECK_PROP(d->properties, "defaultDenyEgress", text("yes"));
        const Element *shop = elementNamed(model, "shop");
        CHECK_PROP(shop->properties, "egressRestricted", text("yes"));
        const auto toShop = flowsBetween(model, elementNamed(model, "ingress/shop"), shop);
        QCOMPARE(toShop.size(), std::size_t(1));
        QVERIFY2(noteOf(toShop.front()->properties).find("allows it from anywhere: from-anywhere (from 0.0.0.0/0)") != std::string::npos,
                 noteOf(toShop.front()->properties).c_str());
        const auto toE = flowsBetween(model, elementNamed(model, "Internet clients"), elementNamed(model, "e: web"));
        QCOMPARE(toE.size(), std::size_t(1));
        QVERIFY2(noteOf(toE.front()->properties).find("allows it only if the source matches: not-the-office (from 0.0.0.0/0 except 203.0.113.0/24)")
                     != std::string::npos,
                 noteOf(toE.front()->properties).c_str());
        QVERIFY2(hasFinding(result->report.mapped, "policies-combined.yaml:11", "NetworkPolicy a/allow-all → recorded on namespace a (selects all pods: allows all ingress and egress)"),
                 describe(result->report.mapped).c_str());
    }

    void rbac()
    {
        const auto result = importFixtures({QStringLiteral("rbac.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        const Boundary *cluster = boundaryNamed(model, "cluster", "Kubernetes cluster");
        CHECK_PROP(cluster->properties, "rbacLeastPrivilege", text("no"));
        QVERIFY(noteOf(cluster->properties).find("cluster-admin") != std::string::npos);

        const Element *deploy = elementNamed(model, "deploy");
        QVERIFY(deploy);
        CHECK_PROP(deploy->properties, "serviceAccount", text("deployer"));
        CHECK_PROP(deploy->properties, "saPermissions", text("clusterWide"));
        CHECK_PROP(deploy->properties, "automountSAToken", text("yes"));
        CHECK_PROP(elementNamed(model, "operator")->properties, "saPermissions", text("namespaceWrite"));
        const Element *reporter = elementNamed(model, "reporter");
        CHECK_PROP(reporter->properties, "saPermissions", text("namespaceRead"));
        CHECK_PROP(reporter->properties, "automountSAToken", text("no"));
        const Element *plain = elementNamed(model, "plain");
        CHECK_PROP(plain->properties, "serviceAccount", text("default"));
        CHECK_PROP(plain->properties, "saPermissions", text("none"));

        const auto &flagged = result->report.flagged;
        QVERIFY2(hasFinding(flagged, "rbac.yaml:9", "ClusterRoleBinding deployer-admin: grants cluster-admin across the cluster to ServiceAccount ci/deployer, Group platform-team"),
                 describe(flagged).c_str());
        QVERIFY(hasFinding(flagged, "rbac.yaml:49", "RoleBinding ops/operator-everything: grants the wildcard role everything in namespace ops"));
        QVERIFY(hasFinding(flagged, "", "deploy: mounts the token of ServiceAccount ci/deployer, which holds cluster-wide permissions"));
        QVERIFY(hasFinding(result->report.mapped, "rbac.yaml:39", "Role ops/everything: grants \"*\""));
        QVERIFY(hasFinding(result->report.mapped, "rbac.yaml:79", "Role ops/config-reader: grants reading only"));
    }

    /** Groups and users that stand for service accounts count for them. */
    void rbacSubjectsNamingServiceAccounts()
    {
        const auto result = importFixtures({QStringLiteral("rbac-subjects.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        CHECK_PROP(elementNamed(model, "web")->properties, "saPermissions", text("namespaceRead"));   // system:authenticated
        CHECK_PROP(elementNamed(model, "api")->properties, "saPermissions", text("namespaceWrite"));  // system:serviceaccounts:b
        CHECK_PROP(elementNamed(model, "job")->properties, "saPermissions", text("clusterWide"));     // system:serviceaccount:c:runner
        CHECK_PROP(elementNamed(model, "other")->properties, "saPermissions", text("namespaceRead")); // c/default is authenticated too
        QVERIFY2(hasFinding(result->report.flagged, "rbac-subjects.yaml:42", "job: mounts the token of ServiceAccount c/runner, which holds cluster-wide permissions"),
                 describe(result->report.flagged).c_str());
    }

    /** What an aggregated ClusterRole grants is filled in by the cluster: unknown. */
    void aggregatedClusterRole()
    {
        const auto result = importFixtures({QStringLiteral("aggregated-role.yaml")});
        QVERIFY2(result, result.error().c_str());
        CHECK_PROP(elementNamed(result->model, "web")->properties, "saPermissions", text("unknown"));
        QVERIFY2(hasFinding(result->report.mapped, "aggregated-role.yaml:3", "ClusterRole monitoring: aggregates the ClusterRoles its aggregationRule selects"),
                 describe(result->report.mapped).c_str());
        QVERIFY(hasFinding(result->report.mapped, "aggregated-role.yaml:10", "the role aggregates other ClusterRoles, so its permissions are unknown"));
    }

    /** A projected serviceAccountToken volume mounts the token whatever automountServiceAccountToken says. */
    void projectedServiceAccountToken()
    {
        const auto result = importFixtures({QStringLiteral("projected-token.yaml")});
        QVERIFY2(result, result.error().c_str());
        const Element *deploy = elementNamed(result->model, "deploy/deploy");
        const Element *notify = elementNamed(result->model, "deploy/notify");
        QVERIFY(deploy && notify);
        CHECK_PROP(deploy->properties, "automountSAToken", text("yes"));
        CHECK_PROP(deploy->properties, "saPermissions", text("clusterWide"));
        CHECK_PROP(notify->properties, "automountSAToken", text("no")); // it does not mount the volume
        const auto &flagged = result->report.flagged;
        QVERIFY2(hasFinding(flagged, "projected-token.yaml:21", "deploy/deploy: mounts the token of ServiceAccount ci/deployer, which holds cluster-wide permissions"),
                 describe(flagged).c_str());
        QVERIFY(!hasFinding(flagged, "", "deploy/notify: mounts the token"));
    }

    void secrets()
    {
        const auto result = importFixtures({QStringLiteral("secrets.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        const Element *inEnv = elementNamed(model, "env-secrets");
        const Element *inFiles = elementNamed(model, "file-secrets");
        const Element *unknown = elementNamed(model, "unknown-config");
        const Element *store = elementNamed(model, "Kubernetes Secrets (billing)");
        QVERIFY(inEnv && inFiles && unknown && store);
        CHECK_PROP(inEnv->properties, "secretsInEnv", text("yes"));
        CHECK_PROP(inEnv->properties, "credsInConfig", text("yes"));
        CHECK_PROP(inFiles->properties, "secretsInEnv", text("no"));
        CHECK_PROP(inFiles->properties, "credsInConfig", text("no"));
        CHECK_PROP(unknown->properties, "secretsInEnv", text("no"));
        QVERIFY(!prop(unknown->properties, "credsInConfig")); // it reads a ConfigMap the import has not seen

        QCOMPARE(store->kind, std::string("secrets-store"));
        CHECK_PROP(store->properties, "product", text("k8sSecrets"));
        QCOMPARE(store->boundary, inEnv->boundary);
        const auto envFlow = flowsBetween(model, store, inEnv);
        QCOMPARE(envFlow.size(), std::size_t(1));
        QCOMPARE(envFlow.front()->name, std::string("Secret api-keys, db-credentials"));
        CHECK_PROP(envFlow.front()->properties, "carriesSecrets", PropertyValue(true));
        QVERIFY(noteOf(envFlow.front()->properties).find("db-credentials (environment)") != std::string::npos);
        const auto fileFlow = flowsBetween(model, store, inFiles);
        QCOMPARE(fileFlow.size(), std::size_t(1));
        QVERIFY(noteOf(fileFlow.front()->properties).find("tls-cert (files)") != std::string::npos);
        QVERIFY(flowsBetween(model, store, unknown).empty());
        QVERIFY(noteOf(inFiles->properties).find("Secret tls-cert as files at /etc/tls") != std::string::npos);

        const auto &flagged = result->report.flagged;
        QVERIFY2(hasFinding(flagged, "secrets.yaml:46", "env DB_PASSWORD takes its value from Secret db-credentials"), describe(flagged).c_str());
        QVERIFY(hasFinding(flagged, "secrets.yaml:46", "every key of Secret api-keys is put in the environment"));
        QVERIFY(hasFinding(flagged, "secrets.yaml:46", "env ADMIN_PASSWORD is set to a literal value in the manifest (value not imported)"));
        QVERIFY(hasFinding(flagged, "secrets.yaml:46", "env SESSION_SECRET looks like a secret but comes from ConfigMap plain-config"));
        QVERIFY(hasFinding(flagged, "secrets.yaml:3", "Secret billing/db-credentials: the manifest carries the Secret's data (3 keys"));
        QVERIFY(hasFinding(flagged, "secrets.yaml:15", "ConfigMap billing/app-config: keys that look like secrets (API_TOKEN"));
        QVERIFY(!hasFinding(flagged, "", "LOG_FORMAT"));
    }

    /** Values of environment variables, Secrets and ConfigMaps reach neither the model nor the report. */
    void secretValuesNeverCopied()
    {
        auto result = importFixtures({QStringLiteral("secrets.yaml")});
        QVERIFY2(result, result.error().c_str());
        GraphvizLayoutEngine layout;
        finishImport(*result, builtInCatalog(), layout);
        const std::string model = writeModelText(result->model);
        const std::string report = formatImportReport(result->report);
        const AnalysisResult analysis = analyzeModel(result->model, builtInCatalog());
        const std::string analysisJson = analysisToJson(analysis, result->model, builtInCatalog());
        for (const char *value : {"literal-value-must-not-leak", "configmap-value-must-not-leak", "stringdata-value-must-not-leak",
                                  "c3VwZXJzZWNyZXQtYmFzZTY0", "YmlsbGluZw==", "checkout-v2"}) {
            QVERIFY2(model.find(value) == std::string::npos, value);
            QVERIFY2(report.find(value) == std::string::npos, value);
            QVERIFY2(analysisJson.find(value) == std::string::npos, value);
        }
        QVERIFY(report.find("ADMIN_PASSWORD") != std::string::npos); // the name is reported, not the value
    }

    void skippedKinds()
    {
        const auto result = importFixtures({QStringLiteral("skipped.yaml")});
        QVERIFY2(result, result.error().c_str());
        const auto &skipped = result->report.skipped;
        QCOMPARE(skipped.size(), std::size_t(5));
        QVERIFY2(hasFinding(skipped, "skipped.yaml:2", "ServiceMonitor monitoring/web (monitoring.coreos.com/v1): not a kind this import maps"),
                 describe(skipped).c_str());
        QVERIFY(hasFinding(skipped, "skipped.yaml:13", "CustomResourceDefinition widgets.example.com (apiextensions.k8s.io/v1): it defines a new API type"));
        QVERIFY(hasFinding(skipped, "skipped.yaml:28", "PersistentVolumeClaim web/uploads (v1): storage claims are not mapped"));
        QVERIFY(hasFinding(skipped, "skipped.yaml:39", "Deployment web/not-the-real-one (example.com/v1): apiVersion example.com/v1 is not the Kubernetes Deployment"));
        QVERIFY(hasFinding(skipped, "skipped.yaml:47", "Pod from-the-future (v2): apiVersion v2 is not the Kubernetes Pod"));
        QVERIFY(result->model.elements().empty());
    }

    /** kubectl's List output, with controllers and the objects they made: only controllers map. */
    void listsAndOwnedObjects()
    {
        const auto result = importFixtures({QStringLiteral("list.json")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        QCOMPARE(model.elements().size(), std::size_t(1));
        const Element *cache = elementNamed(model, "cache");
        QVERIFY(cache);
        QCOMPARE(cache->kind, std::string("cache"));
        CHECK_PROP(cache->properties, "deployedAs", text("container"));
        const auto &skipped = result->report.skipped;
        QVERIFY2(hasFinding(skipped, "list.json:5", "ReplicaSet cache/cache-7d9f: created by Deployment cache, which is imported itself"),
                 describe(skipped).c_str());
        QVERIFY(hasFinding(skipped, "list.json:21", "Pod cache/cache-7d9f-x2k4q: created by ReplicaSet cache-7d9f"));
    }

    /** A List inside a List is read, not skipped whole. */
    void nestedLists()
    {
        const auto result = importFixtures({QStringLiteral("nested-list.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        const Element *api = elementNamed(model, "api");
        QVERIFY(api && elementNamed(model, "worker"));
        QCOMPARE(flowsBetween(model, elementNamed(model, "Internet clients"), api).size(), std::size_t(1));
        QVERIFY2(result->report.skipped.empty(), describe(result->report.skipped).c_str());
        QVERIFY(hasFinding(result->report.flagged, "nested-list.yaml:20", "Service shop/api (LoadBalancer): exposes api 8080/tcp to the internet"));
    }

    /** A workload is skipped as owned only when its owner is another workload the model holds. */
    void ownerReferencesCannotHideWorkloads()
    {
        const auto result = importFixtures({QStringLiteral("owners.yaml")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        std::vector<std::string> names;
        for (const Element &e : model.elements())
            names.push_back(e.name);
        const std::vector<std::string> expected{"evil", "configured", "loop-a", "web"};
        QVERIFY2(names == expected, [&] { std::string t; for (const auto &n : names) t += n + "; "; return t; }().c_str());
        CHECK_PROP(elementNamed(model, "evil")->properties, "privileged", PropertyValue(true));
        const auto &skipped = result->report.skipped;
        QVERIFY2(hasFinding(skipped, "owners.yaml:44", "ReplicaSet a/loop-b: created by ReplicaSet loop-a, which is imported itself"),
                 describe(skipped).c_str());
        QVERIFY(hasFinding(skipped, "owners.yaml:57", "Pod a/web-1-x: created by ReplicaSet web-1"));
        QVERIFY(hasFinding(skipped, "owners.yaml:66", "ReplicaSet a/web-1: created by Deployment web"));
        QCOMPARE(skipped.size(), std::size_t(3));
        QVERIFY2(hasFinding(result->report.mapped, "owners.yaml:31", "ReplicaSet a/loop-a: its controller ReplicaSet loop-b is in turn created by it"),
                 describe(result->report.mapped).c_str());
        QVERIFY(hasFinding(result->report.flagged, "", "evil: privileged: true"));
    }

    /** A directory: its .yaml, .yml and .json files, by name; not its subdirectories or other files. */
    void directory()
    {
        const auto result = importFixtures({QStringLiteral("shop")});
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        QCOMPARE(model.metadata().title, std::string("Kubernetes: 5 manifest files"));
        QCOMPARE(model.metadata().description,
                 std::string("Imported from the Kubernetes manifests 00-namespace.yaml, api.yaml, db.yml, policies.json, web.yaml. "
                             "Environment variable values, Secret data and ConfigMap values were not imported."));
        std::vector<std::string> names;
        for (const Element &e : model.elements())
            names.push_back(e.name);
        const std::vector<std::string> expected{"Internet clients",     "api/migrate (init)", "api/api",
                                                "postgres", "web",                 "ingress/shop",
                                                "Kubernetes Secrets (shop)"};
        QVERIFY2(names == expected, [&] { std::string t; for (const auto &n : names) t += n + "; "; return t; }().c_str());
        const Boundary *shop = boundaryNamed(model, "namespace", "shop");
        CHECK_PROP(shop->properties, "podSecurityLevel", text("baseline"));
        CHECK_PROP(shop->properties, "podSecurityMode", text("enforce"));
        CHECK_PROP(shop->properties, "defaultDenyIngress", text("yes"));
        CHECK_PROP(shop->properties, "defaultDenyEgress", text("no"));

        const Element *ingress = elementNamed(model, "ingress/shop");
        const Element *api = elementNamed(model, "api/api");
        const auto toApi = flowsBetween(model, ingress, api);
        QCOMPARE(toApi.size(), std::size_t(1));
        CHECK_PROP(toApi.front()->properties, "port", PropertyValue(std::int64_t(8080)));
        QVERIFY(flowsBetween(model, ingress, elementNamed(model, "api/migrate (init)")).empty());
        const Element *store = elementNamed(model, "Kubernetes Secrets (shop)");
        QCOMPARE(flowsBetween(model, store, elementNamed(model, "api/migrate (init)")).size(), std::size_t(1));
        QCOMPARE(flowsBetween(model, store, elementNamed(model, "postgres")).size(), std::size_t(1));
        CHECK_PROP(elementNamed(model, "api/migrate (init)")->properties, "secretsInEnv", text("yes"));
        CHECK_PROP(api->properties, "secretsInEnv", text("no"));
        CHECK_PROP(elementNamed(model, "postgres")->properties, "secretsInEnv", text("no"));
        // The init container is a step of the api workload, not a workload of its own.
        CHECK_PROP(elementNamed(model, "api/migrate (init)")->properties, "initContainer", true);
        QVERIFY(!prop(api->properties, "initContainer"));
        QVERIFY(!prop(elementNamed(model, "postgres")->properties, "initContainer"));
        QVERIFY(hasFinding(result->report.mapped, "shop/web.yaml:1", "Deployment shop/web → container web"));
    }

    /** Every fixture makes a model that validates: only warnings, no errors. */
    void validates_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *name : {"workloads.yaml", "security-context.yaml", "apparmor.yaml", "privileged.yaml",
                                 "hostprocess.yaml", "hostpaths.yaml", "services.yaml", "ingress.yaml", "namespaces.yaml",
                                 "networkpolicy.yaml", "policies-combined.yaml", "rbac.yaml", "rbac-subjects.yaml",
                                 "aggregated-role.yaml", "secrets.yaml", "projected-token.yaml", "owners.yaml",
                                 "ephemeral.yaml", "skipped.yaml", "list.json", "nested-list.yaml", "empty-namespace.yaml",
                                 "statefulset-claim.yaml", "replicas.yaml", "shop"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void validates()
    {
        QFETCH(QString, name);
        auto result = importFixtures({name});
        QVERIFY2(result, result.error().c_str());
        GraphvizLayoutEngine layout;
        finishImport(*result, builtInCatalog(), layout);
        for (const std::string &finding : result->report.validation)
            QVERIFY2(finding.rfind("warning: ", 0) == 0, finding.c_str());
    }

    /** The same input gives the same bytes, whatever order the directory lists its files in. */
    void deterministic()
    {
        auto first = importFixtures({QStringLiteral("shop"), QStringLiteral("rbac.yaml"), QStringLiteral("secrets.yaml")});
        auto second = importFixtures({QStringLiteral("shop"), QStringLiteral("rbac.yaml"), QStringLiteral("secrets.yaml")});
        QVERIFY2(first && second, first ? second.error().c_str() : first.error().c_str());
        GraphvizLayoutEngine layout;
        finishImport(*first, builtInCatalog(), layout);
        finishImport(*second, builtInCatalog(), layout);
        QCOMPARE(writeModelText(first->model), writeModelText(second->model));
        QCOMPARE(formatImportReport(first->report), formatImportReport(second->report));
        const std::string analysis = analysisToJson(analyzeModel(first->model, builtInCatalog()), first->model, builtInCatalog());
        QCOMPARE(analysisToJson(analyzeModel(second->model, builtInCatalog()), second->model, builtInCatalog()), analysis);

        // The files copied in reverse order into another directory: the model is the same.
        QTemporaryDir copy;
        QVERIFY(copy.isValid());
        const QDir source(fixture(QStringLiteral("shop")));
        QStringList files = source.entryList(QDir::Files, QDir::Name);
        std::reverse(files.begin(), files.end());
        for (const QString &file : files)
            QVERIFY(QFile::copy(source.filePath(file), copy.filePath(file)));
        auto original = importFixtures({QStringLiteral("shop")});
        auto copied = importKubernetes({copy.path().toStdString()});
        QVERIFY2(original && copied, copied ? original.error().c_str() : copied.error().c_str());
        QCOMPARE(writeModelText(copied->model), writeModelText(original->model));
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const char *expected) {
            QTest::newRow(name) << QString::fromLatin1(name) << QString::fromUtf8(expected);
        };
        row("invalid-yaml.yaml", ":7:4: invalid YAML: end of map not found");
        row("wrong-type-containers.yaml", ":13:19: Deployment shop/web: spec.template.spec.containers: expected a list, found text");
        row("wrong-type-privileged.yaml",
            ":11:21: Pod monitoring/agent: spec.containers[0].securityContext.privileged: expected true or false, found \"maybe\" (quoted, so text)");
        row("unknown-key.yaml",
            ":16:11: Deployment shop/api: spec.template.spec.containers[0]: unknown field \"securityContxt\" (did you mean \"securityContext\"?)");
        row("alias-bomb.yaml", ":");
        row("deep-nesting.yaml", ":");
        row("not-an-object.yaml", ":10:1: expected a Kubernetes object (a mapping with apiVersion and kind), found a list");
        row("missing-kind.yaml", ":1:1: not a Kubernetes object: it has no kind");
        row("duplicate-object.yaml", ":9:1: Service shop/web: defined twice; the first definition is at ");
        row("duplicate-key.yaml", ":10:3: duplicate key \"hostNetwork\"");
        row("bad-enum.yaml", ":9:24: Pod default/puller: spec.containers[0].imagePullPolicy: expected Always, IfNotPresent or Never, found \"Sometimes\"");
        row("port-out-of-range.yaml", ":9:19: Service default/web: spec.ports[0].targetPort: expected a number from 1 to 65535, found 80800");
        row("bad-pod-security.yaml",
            ":6:41: Namespace payments: metadata.labels.pod-security.kubernetes.io/enforce: expected privileged, baseline or restricted, found \"strict\"");
        row("nested-lists.yaml", ":32:41: items[0].items[0].items[0].items[0].items[0].items[0].items[0].items[0].items[0].items[0]: "
                                 "Lists nested more than 10 deep");
        row("replicas-too-many.yaml", ":5:13: Deployment load/swarm: spec.replicas: expected a number from 0 to 2147483647, found 2147483648");
        row("undefined-volume.yaml", ":10:17: Pod default/mounter: spec.containers[0].volumeMounts[0].name: no volume of the pod is named \"missing\"");
    }

    /** Bad input is one readable line naming the file and the line, and never takes long. */
    void badInput()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const QString path = fixture(QStringLiteral("bad/") + name);
        const auto result = importKubernetes({path.toStdString()});
        QVERIFY(!result);
        const QString message = QString::fromStdString(result.error());
        QVERIFY2(message.startsWith(path + expected), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    }

    void aliasBombAndDeepNestingAreNamed()
    {
        const auto bomb = importKubernetes({fixture(QStringLiteral("bad/alias-bomb.yaml")).toStdString()});
        QVERIFY(!bomb);
        QVERIFY2(QString::fromStdString(bomb.error()).contains(QStringLiteral("alias bomb")), bomb.error().c_str());
        const auto deep = importKubernetes({fixture(QStringLiteral("bad/deep-nesting.yaml")).toStdString()});
        QVERIFY(!deep);
        QVERIFY2(QString::fromStdString(deep.error()).contains(QStringLiteral(":6:")), deep.error().c_str());
        QVERIFY2(QString::fromStdString(deep.error()).contains(QStringLiteral("nesting")), deep.error().c_str());
    }

    /** Random bytes: refused with one printable line, whatever bytes the parser complains about. */
    void randomBytes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("random.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        std::mt19937 generator(20261128);
        QByteArray bytes;
        for (int i = 0; i < 64 * 1024; ++i)
            bytes.append(char(generator() & 0xFF));
        file.write(bytes);
        file.close();
        const auto result = importKubernetes({path.toStdString()});
        QVERIFY(!result);
        const QString message = QString::fromStdString(result.error());
        QVERIFY2(message.startsWith(path + QLatin1Char(':')), qPrintable(message));
        for (const QChar c : message.mid(path.size()))
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() < 0x7F, qPrintable(message));
    }

    void hugeFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("huge.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray line = "# " + QByteArray(1021, 'x') + "\n";
        for (int i = 0; i < 9 * 1024; ++i)
            file.write(line);
        file.close();
        const auto result = importKubernetes({path.toStdString()});
        QVERIFY(!result);
        QVERIFY2(QString::fromStdString(result.error()).startsWith(path + QStringLiteral(": is too large")), result.error().c_str());
    }

    void missingAndEmptyInput()
    {
        const std::string missing = fixture(QStringLiteral("no-such-file.yaml")).toStdString();
        const auto result = importKubernetes({missing});
        QVERIFY(!result);
        QVERIFY2(result.error().rfind(missing + ": cannot open", 0) == 0, result.error().c_str());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto empty = importKubernetes({dir.path().toStdString()});
        QVERIFY(!empty);
        QCOMPARE(empty.error(), dir.path().toStdString() + ": the directory holds no .yaml, .yml or .json files");

        QFile comments(dir.filePath(QStringLiteral("only-comments.yaml")));
        QVERIFY(comments.open(QIODevice::WriteOnly));
        comments.write("# nothing here\n---\n");
        comments.close();
        const auto nothing = importKubernetes({comments.fileName().toStdString()});
        QVERIFY(!nothing);
        QCOMPARE(nothing.error(), comments.fileName().toStdString() + ": no Kubernetes objects found");
        QVERIFY(!importKubernetes({}));
    }
};

QTEST_GUILESS_MAIN(TestImportKubernetes)
#include "tst_import_kubernetes.moc"
