// Docker Compose files into threat models: what each mapping produces, what never leaks into the
// model, and how bad input fails.

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "import/composeimporter.h"
#include "import/compose/composeflowinference.h"
#include "import/compose/composevariables.h"
#include "import/importsupport.h"
#include "import/yamltree.h"
#include "io/modelwriter.h"
#include "report/analysisexport.h"
#include "report/diagramsvg.h"
#include "report/htmlreport.h"
#include "report/reportmodel.h"
#include "badinputs.h"
#include "layout/graphvizlayoutengine.h"
#include "testfiles.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

using namespace bulkhead;

namespace {

std::string fixture(const char *relative)
{
    return bulkhead::test::dataPath(QStringLiteral("import/compose/") + QLatin1String(relative)).toStdString();
}

ImportResult importOrFail(const std::vector<std::string> &files, const std::map<std::string, std::string> &environment = {})
{
    auto imported = importCompose(files, environment);
    if (!imported)
        qFatal("import failed: %s", imported.error().c_str());
    GraphvizLayoutEngine layout;
    finishImport(*imported, builtInCatalog(), layout);
    return std::move(*imported);
}

const Element &element(const ThreatModel &model, const std::string &id)
{
    const Element *found = model.findElement(id);
    if (!found)
        qFatal("no element %s", id.c_str());
    return *found;
}

const Flow *flowBetween(const ThreatModel &model, const std::string &source, const std::string &target)
{
    for (const Flow &flow : model.flows())
        if (flow.source == source && flow.target == target)
            return &flow;
    return nullptr;
}

std::string text(const PropertyMap &properties, const std::string &name)
{
    const auto it = properties.find(name);
    return it != properties.end() && std::holds_alternative<std::string>(it->second) ? std::get<std::string>(it->second) : "<unset>";
}

bool flag(const PropertyMap &properties, const std::string &name)
{
    const auto it = properties.find(name);
    return it != properties.end() && std::holds_alternative<bool>(it->second) && std::get<bool>(it->second);
}

StringList list(const PropertyMap &properties, const std::string &name)
{
    const auto it = properties.find(name);
    return it != properties.end() && std::holds_alternative<StringList>(it->second) ? std::get<StringList>(it->second) : StringList{};
}

bool hasThreat(const AnalysisResult &result, const std::string &id)
{
    return std::any_of(result.threats.begin(), result.threats.end(), [&](const Threat &t) { return t.id() == id; });
}

/** The model, the import report, the analysis and the threat report, as their bytes. */
std::string everything(const ImportResult &imported)
{
    const AnalysisResult result = analyzeModel(imported.model, builtInCatalog());
    std::ostringstream analysis;
    writeAnalysisJson(analysis, result, imported.model, builtInCatalog());
    std::ostringstream html;
    writeHtmlReport(html, buildReport(imported.model, builtInCatalog(), result, {}, "2026-01-15"),
                    diagramToSvg(imported.model, builtInCatalog()));
    return writeModelText(imported.model) + formatImportReport(imported.report) + analysis.str() + html.str();
}

std::vector<std::string> webStack()
{
    return {fixture("web-stack/compose.yml"), fixture("web-stack/compose.override.yml")};
}

} // namespace

class TestImportCompose : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servicesBecomeContainersWithTheirSettings()
    {
        const ImportResult imported = importOrFail(webStack());
        const ThreatModel &model = imported.model;
        QCOMPARE(model.metadata().title, std::string("Docker Compose: shop"));

        const Element &web = element(model, "web");
        QCOMPARE(web.kind, std::string("container"));
        // WEB_TAG comes from .env beside the first file: the model names it, never its value.
        QCOMPARE(text(web.properties, "image.ref"), std::string("registry.example.com/shop/web:${WEB_TAG}"));
        QCOMPARE(text(web.properties, "image.source"), std::string("internalBuilt"));
        QCOMPARE(text(web.properties, "image.pinnedByDigest"), std::string("no"));
        QCOMPARE(text(web.properties, "runAsUser"), std::string("10001:10001"));
        QCOMPARE(text(web.properties, "runAsNonRoot"), std::string("yes"));
        // From the x-hardening anchor merged with "<<".
        QVERIFY(flag(web.properties, "readOnlyRootFilesystem"));
        QVERIFY(flag(web.properties, "capDropAll"));
        QCOMPARE(list(web.properties, "capabilitiesDropped"), StringList{"ALL"});
        QCOMPARE(text(web.properties, "allowPrivilegeEscalation"), std::string("no"));
        QCOMPARE(text(web.properties, "restartPolicy"), std::string("unlessStopped"));
        QVERIFY(flag(web.properties, "healthcheckDefined"));
        QCOMPARE(list(web.properties, "requiredPorts"), StringList{"3000/tcp"});
        QCOMPARE(text(web.properties, "platform"), std::string("docker"));

        const Element &api = element(model, "api");
        QCOMPARE(text(api.properties, "image.pinnedByDigest"), std::string("yes"));
        QCOMPARE(text(api.properties, "image.source"), std::string("unknown")); // a private registry
        QCOMPARE(text(api.properties, "memoryLimit"), std::string("512M"));
        QCOMPARE(text(api.properties, "cpuLimit"), std::string("0.50"));
        QCOMPARE(text(api.properties, "pidsLimit"), std::string("200"));
        QCOMPARE(text(api.properties, "secretsInEnv"), std::string("yes"));
        // The override file added a port and a bind mount.
        QCOMPARE(list(api.properties, "publishedPorts"), StringList{"0.0.0.0:8000->8000/tcp"});
        QCOMPARE(list(api.properties, "hostPathMounts"), StringList{"./api/src"});
        // Names from environment (both files) and env_file; never values.
        const std::string notes = text(api.properties, "notes");
        for (const char *name : {"DATABASE_HOST", "POSTGRES_PASSWORD", "LOG_LEVEL", "DEBUG_TOKEN", "STRIPE_API_KEY", "FEATURE_FLAGS", "SMTP_PASSWORD"})
            QVERIFY2(notes.find(name) != std::string::npos, name);

        const Element &proxy = element(model, "proxy");
        // traefik is an ingress deployed as a container, with its container settings (the socket mount).
        QCOMPARE(proxy.kind, std::string("ingress"));
        QCOMPARE(text(proxy.properties, "deployedAs"), std::string("container"));
        QCOMPARE(list(proxy.properties, "hostPathMounts"), StringList{"/var/run/docker.sock:ro"});
        QCOMPARE(list(proxy.properties, "publishedPorts"),
                 (StringList{"0.0.0.0:80->80/tcp", "0.0.0.0:443->443/tcp", "127.0.0.1:8081->8080/tcp"}));
        QCOMPARE(text(proxy.properties, "image.source"), std::string("officialPublic"));
    }

    void wellKnownImagesChooseTheKind()
    {
        const ImportResult imported = importOrFail(webStack());
        const Element &db = element(imported.model, "db");
        QCOMPARE(db.kind, std::string("database"));
        QCOMPARE(text(db.properties, "product"), std::string("postgres"));
        QCOMPARE(text(db.properties, "bindAll"), std::string("no"));
        const Element &cache = element(imported.model, "cache");
        QCOMPARE(cache.kind, std::string("cache"));
        QCOMPARE(text(cache.properties, "product"), std::string("redis"));
        QCOMPARE(text(cache.properties, "bindAll"), std::string("yes")); // published on 0.0.0.0
        // Always deployed as a container: a password in its environment is still IAM-01.
        QCOMPARE(text(db.properties, "deployedAs"), std::string("container"));
        QCOMPARE(text(cache.properties, "deployedAs"), std::string("container"));
        const ImportResult risky = importOrFail({fixture("risky/compose.yml")});
        QCOMPARE(element(risky.model, "legacy-db").kind, std::string("database"));
        QCOMPARE(text(element(risky.model, "legacy-db").properties, "deployedAs"), std::string("container"));
        QVERIFY(hasThreat(analyzeModel(risky.model, builtInCatalog()), "IAM-01@legacy-db"));
    }

    void platformServicesAndLongSyntax()
    {
        const ImportResult imported = importOrFail({fixture("platform/compose.yml")});
        const ThreatModel &model = imported.model;
        const std::pair<const char *, const char *> kinds[] = {{"edge", "ingress"}, {"queue", "message-queue"},
                                                               {"vault", "secrets-store"}, {"registry", "registry"},
                                                               {"app", "container"}, {"worker", "container"}};
        for (const auto &[id, kind] : kinds)
            QCOMPARE(element(model, id).kind, std::string(kind));
        QCOMPARE(text(element(model, "queue").properties, "product"), std::string("rabbitmq"));
        QCOMPARE(text(element(model, "vault").properties, "product"), std::string("vault"));
        QCOMPARE(text(element(model, "registry").properties, "product"), std::string("distribution"));
        // Long port syntax keeps its bind address; a port without host part gets a random one.
        const Flow *edge = flowBetween(model, "network-client", "edge");
        QVERIFY(edge);
        QVERIFY(edge->name.find("8443") != std::string::npos && edge->name.find("10.0.0.5") != std::string::npos);
        QCOMPARE(text(edge->properties, "protocol"), std::string("https"));
        QVERIFY(flowBetween(model, "network-client", "registry"));
        // links and depends_on are flows; the alias after ':' is not a service.
        QVERIFY(flowBetween(model, "edge", "app"));
        QVERIFY(flowBetween(model, "worker", "queue"));
        const Flow *queue = flowBetween(model, "app", "queue");
        QVERIFY(queue);
        QCOMPARE(text(queue->properties, "protocol"), std::string("amqp"));
        QVERIFY(flowBetween(model, "app", "vault"));
        // Long and short volume syntax share one named volume element.
        const Element &uploads = element(model, "volume-uploads");
        QCOMPARE(text(uploads.properties, "sharedBetweenWorkloads"), std::string("yes"));
        QVERIFY(!flag(uploads.properties, "readOnly")); // the worker writes to it
        QVERIFY(flowBetween(model, "app", "volume-uploads"));
        QVERIFY(flowBetween(model, "worker", "volume-uploads"));
        const Element &app = element(model, "app");
        QCOMPARE(text(app.properties, "restartPolicy"), std::string("onFailure"));
        QCOMPARE(text(app.properties, "memoryLimit"), std::string("256m"));
        QCOMPARE(text(app.properties, "pidsLimit"), std::string("100"));
        QCOMPARE(text(app.properties, "secretsInEnv"), std::string("no"));
        QCOMPARE(text(app.properties, "image.source"), std::string("unknown"));
        QVERIFY(text(app.properties, "notes").find("QUEUE_HOST, APP_MODE") != std::string::npos);
        QCOMPARE(text(element(model, "edge").properties, "image.ref"), std::string("nginx:1.27")); // once a note
        QVERIFY(text(element(model, "edge").properties, "notes").find("Configs: edge_conf") != std::string::npos);
        QCOMPARE(text(element(model, "worker").properties, "image.ref"), std::string("ghcr.io/example/worker:3.2"));
    }

    void networksVolumesAndSecrets()
    {
        const ImportResult imported = importOrFail(webStack());
        const ThreatModel &model = imported.model;
        const Boundary *host = model.findBoundary("docker-host");
        QVERIFY(host);
        QCOMPARE(host->kind, std::string("host"));
        const Boundary *frontend = model.findBoundary("network-frontend");
        const Boundary *backend = model.findBoundary("network-backend");
        QVERIFY(frontend && backend);
        QCOMPARE(frontend->kind, std::string("container-network"));
        QCOMPARE(frontend->parent, host->id);
        QCOMPARE(backend->parent, host->id);
        QVERIFY(flag(backend->properties, "internal"));
        QVERIFY(!flag(frontend->properties, "internal"));
        QCOMPARE(element(model, "proxy").boundary, frontend->id);
        QCOMPARE(element(model, "web").boundary, frontend->id); // first of its two networks
        QCOMPARE(element(model, "api").boundary, backend->id);
        QCOMPARE(element(model, "docker-engine").boundary, host->id);

        const Element &volume = element(model, "volume-pgdata");
        QCOMPARE(volume.kind, std::string("volume"));
        QCOMPARE(text(volume.properties, "volumeType"), std::string("namedVolume"));
        QCOMPARE(volume.boundary, host->id);
        QVERIFY(flowBetween(model, "db", "volume-pgdata"));

        const Element &secrets = element(model, "compose-secrets");
        QCOMPARE(secrets.kind, std::string("secrets-store"));
        const Flow *secret = flowBetween(model, "compose-secrets", "db");
        QVERIFY(secret);
        QVERIFY(flag(secret->properties, "carriesSecrets"));
        QVERIFY(text(secrets.properties, "notes").find("./secrets/db_password.txt") != std::string::npos);
    }

    void portsAndDependenciesBecomeFlows()
    {
        const ImportResult imported = importOrFail(webStack());
        const ThreatModel &model = imported.model;
        const Element &client = element(model, "network-client");
        QCOMPARE(client.kind, std::string("external-user"));
        QCOMPARE(client.boundary, std::string());
        const Element &local = element(model, "host-local-client");
        QCOMPARE(local.kind, std::string("external-user"));

        int toProxy = 0;
        for (const Flow &flow : model.flows())
            toProxy += flow.source == "network-client" && flow.target == "proxy" ? 1 : 0;
        QCOMPARE(toProxy, 2); // 80 and 443
        const Flow *admin = flowBetween(model, "host-local-client", "proxy");
        QVERIFY(admin);
        QVERIFY(admin->name.find("127.0.0.1") != std::string::npos); // the bind address is kept
        QCOMPARE(std::get<std::int64_t>(admin->properties.at("port")), std::int64_t(8081));
        QVERIFY(flowBetween(model, "network-client", "cache"));
        QVERIFY(flowBetween(model, "network-client", "api")); // from the override file

        const Flow *database = flowBetween(model, "api", "db");
        QVERIFY(database);
        QCOMPARE(text(database->properties, "protocol"), std::string("postgres"));
        QCOMPARE(std::get<std::int64_t>(database->properties.at("port")), std::int64_t(5432));
        const Flow *cache = flowBetween(model, "api", "cache");
        QVERIFY(cache);
        QCOMPARE(text(cache->properties, "protocol"), std::string("redis"));
        QVERIFY(flowBetween(model, "web", "api"));
        // The socket mount is a flow to the daemon.
        const Flow *socket = flowBetween(model, "proxy", "docker-engine");
        QVERIFY(socket);
        QCOMPARE(text(socket->properties, "protocol"), std::string("dockerApi"));
    }

    void environmentValuesAndAliasesMakeFlows()
    {
        // No depends_on anywhere: every flow between services comes from an environment value.
        const ImportResult imported = importOrFail({fixture("flows/compose.yml")});
        const std::set<std::string> services{"web", "api", "worker", "db", "cache", "mq", "reports"};
        std::set<std::string> flows;
        for (const Flow &flow : imported.model.flows()) {
            if (!services.count(flow.source) || !services.count(flow.target))
                continue;
            QVERIFY(flow.initiator == FlowInitiator::Source);
            QCOMPARE(text(flow.properties, "transport"), std::string("network"));
            const auto port = flow.properties.find("port");
            flows.insert(flow.source + "->" + flow.target + ":"
                         + (port == flow.properties.end() ? std::string("-") : std::to_string(std::get<std::int64_t>(port->second))) + "/"
                         + text(flow.properties, "protocol") + "/" + text(flow.properties, "encrypted"));
        }
        const std::set<std::string> expected{
            "web->api:8080/http/no",                // API_URL=http://api:8080/…
            "api->db:5432/postgres/<unset>",        // DB_HOST=db with DB_PORT
            "api->cache:6379/redis/<unset>",        // CACHE_ADDR=cache:6379
            "api->mq:5671/amqp/yes",                // QUEUE_URL=amqps://…@mq/shop
            "api->reports:9000/http/no",            // REPORTS_URL in api.env
            "worker->db:5432/postgres/no",          // DATABASE_CREDENTIALS_URL=postgres://…@db/shop?sslmode=disable
            "worker->reports:9000/tcp/<unset>",     // REPORTS_HOST=reporting, an alias on back
        };
        // Not: web->reports (the alias answers on back, web is on front only), web->db
        // (db.example.com), nor anything from api-cache, dbsentinel:5432, MODE=db or "hello db".
        QCOMPARE(flows, expected);

        const std::string report = formatImportReport(imported.report);
        QVERIFY2(report.find("compose.yml:19") != std::string::npos && report.find("DB_HOST") != std::string::npos, report.c_str());
        QVERIFY(report.find("REPORTS_URL from env_file api.env") != std::string::npos);
        QVERIFY(report.find("by its alias on network back") != std::string::npos);
        const Flow *queue = flowBetween(imported.model, "api", "mq");
        QVERIFY(queue);
        QVERIFY(text(queue->properties, "notes").find("QUEUE_URL at") != std::string::npos);

        // Nothing of a value but the service's name, port, scheme and recognised TLS parameter:
        // not the password (in the userinfo or the query), not other query parameters, not the
        // hosts that are no service.
        const Flow *workerDb = flowBetween(imported.model, "worker", "db");
        QVERIFY(workerDb);
        QVERIFY2(text(workerDb->properties, "notes").find("in a postgres:// URL with sslmode=disable (TLS not enforced).") != std::string::npos,
                 text(workerDb->properties, "notes").c_str());
        const std::string all = everything(imported);
        for (const char *leak : {"sentinel-queue-password", "sentinel-db-password", "sentinel-query-password", "password=",
                                 "application_name", "?sslmode", "db.example.com", "partner.example.net",
                                 "api-cache", "dbsentinel", "reporting", "sentinel-path"})
            QVERIFY2(all.find(leak) == std::string::npos, leak);
    }

    void reasonsForOneCallMergeIntoOneFlow()
    {
        const ImportResult imported = importOrFail({fixture("flows/merged.yml")});
        std::vector<const Flow *> calls;
        for (const Flow &flow : imported.model.flows())
            if (flow.source == "app" && flow.target == "db")
                calls.push_back(&flow);
        QCOMPARE(calls.size(), std::size_t(1));
        const PropertyMap &properties = calls.front()->properties;
        QCOMPARE(std::get<std::int64_t>(properties.at("port")), std::int64_t(5432));
        QCOMPARE(text(properties, "protocol"), std::string("postgres"));
        const std::string notes = text(properties, "notes");
        QVERIFY2(notes.find("Declared in depends_on at") != std::string::npos, notes.c_str());
        QVERIFY2(notes.find("DB_HOST at") != std::string::npos, notes.c_str());
        QVERIFY2(notes.find("DATABASE_PASSWORD_URL at") != std::string::npos, notes.c_str());
        QVERIFY(everything(imported).find("sentinel-merged-password") == std::string::npos);
    }

    void publishedPortsAskWhetherTheHostIsInternetFacing()
    {
        const ImportResult imported = importOrFail(webStack());
        const Boundary *host = imported.model.findBoundary("docker-host");
        QVERIFY(host);
        QCOMPARE(text(host->properties, "internetFacing"), std::string("unknown"));
        const std::string report = formatImportReport(imported.report);
        QVERIFY2(report.find("service cache: port 6379 is published on every interface of the Docker host: is the host "
                             "reachable from the internet? Answer internetFacing on 'Docker host'")
                     != std::string::npos,
                 report.c_str());
        QVERIFY(report.find("service proxy: ports 80, 443 are published on every interface") != std::string::npos);
        // 127.0.0.1:8081 stays local: its client is on the host, so its flow crosses nothing.
        QCOMPARE(element(imported.model, "host-local-client").boundary, host->id);

        // Nothing is asserted to be on the internet; what would be says so in its risk notes.
        const AnalysisResult result = analyzeModel(imported.model, builtInCatalog());
        QVERIFY(std::none_of(result.threats.begin(), result.threats.end(), [](const Threat &t) { return t.exposedToInternet; }));
        const Threat *allInterfaces = result.findThreat("RUN-19@proxy");
        QVERIFY(allInterfaces);
        QVERIFY(std::any_of(result.threats.begin(), result.threats.end(), [](const Threat &t) {
            return t.subjectId == "proxy" && t.mayBeExposedToInternet && !t.exposedToInternet;
        }));

        const ImportResult local = importOrFail({fixture("flows/loopback.yml")});
        QCOMPARE(text(local.model.findBoundary("docker-host")->properties, "internetFacing"), std::string("<unset>"));
        QVERIFY(formatImportReport(local.report).find("every interface") == std::string::npos);
        const AnalysisResult localResult = analyzeModel(local.model, builtInCatalog());
        QVERIFY(std::none_of(localResult.threats.begin(), localResult.threats.end(),
                             [](const Threat &t) { return t.exposedToInternet || t.mayBeExposedToInternet; }));
    }

    void aServiceOnSeveralNetworksIsAMemberOfEach()
    {
        const ImportResult imported = importOrFail({fixture("flows/networks.yml")});
        const Element &app = element(imported.model, "app");
        QCOMPARE(app.boundary, std::string("network-edge"));
        QCOMPARE(list(app.properties, "networks"), (StringList{"network-edge", "network-data"}));
        QVERIFY(list(element(imported.model, "db").properties, "networks").empty()); // one network: nothing to list
        QVERIFY(formatImportReport(imported.report).find("service app is also on data; it is drawn in edge and its networks list every one")
                != std::string::npos);
        // data holds db and cache, and app through its networks: three, a flat network; edge
        // holds proxy and app, a pair.
        const AnalysisResult result = analyzeModel(imported.model, builtInCatalog());
        QVERIFY(hasThreat(result, "NET-01@network-data"));
        QVERIFY(!hasThreat(result, "NET-01@network-edge"));
    }

    void hostsNamedByValues_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("hosts");
        QTest::newRow("host variable") << "DB_HOST" << "db" << "db";
        QTest::newRow("name:port") << "CACHE_ADDR" << "cache:6379" << "cache:6379";
        QTest::newRow("list of servers") << "KAFKA_SERVERS" << "k1:9092, k2:9092" << "k1:9092,k2:9092";
        QTest::newRow("URL with credentials") << "ANY" << "postgres://u:p@db/x" << "db:5432 postgres";
        QTest::newRow("JDBC URL") << "JDBC" << "jdbc:postgresql://db:5433/x" << "db:5433 postgresql";
        QTest::newRow("hosts of a URL") << "MONGO" << "mongodb://a:1,b:2/x" << "a:1 mongodb,b:2 mongodb";
        QTest::newRow("unknown scheme keeps no scheme") << "X" << "foo://svc/x" << "svc";
        QTest::newRow("not named like a host") << "MODE" << "db" << "";
        QTest::newRow("sentence") << "DB_HOST" << "hello db" << "";
        QTest::newRow("bad port") << "DB_HOST" << "db:99999" << "";
        QTest::newRow("IPv6") << "DB_HOST" << "[::1]:5432" << "";
        QTest::newRow("text before the scheme") << "X_URL" << "see http://api" << "";
    }

    void hostsNamedByValues()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QString, hosts);
        std::string found;
        for (const HostReference &host : hostsNamedBy(variable.toStdString(), value.toStdString()))
            found += (found.empty() ? "" : ",") + host.host + (host.port ? ":" + std::to_string(*host.port) : "")
                     + (host.scheme.empty() ? "" : " " + host.scheme);
        QCOMPARE(QString::fromStdString(found), hosts);
    }

    void riskySettings()
    {
        const ImportResult imported = importOrFail({fixture("risky/compose.yml")});
        const ThreatModel &model = imported.model;
        const Element &monitor = element(model, "monitor");
        QVERIFY(flag(monitor.properties, "privileged"));
        QVERIFY(flag(monitor.properties, "hostPID"));
        QVERIFY(flag(monitor.properties, "hostIPC"));
        QVERIFY(flag(monitor.properties, "hostNetwork"));
        QCOMPARE(monitor.boundary, std::string("docker-host")); // network_mode: host
        QCOMPARE(list(monitor.properties, "hostPathMounts"),
                 (StringList{"/:ro", "/proc:ro", "/var/lib/docker", "/lib/modules:ro", "/etc"}));

        const Element &debugger = element(model, "debugger");
        QCOMPARE(list(debugger.properties, "capabilitiesAdded"), (StringList{"SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE"}));
        QCOMPARE(text(debugger.properties, "seccompProfile"), std::string("unconfined"));
        QCOMPARE(text(debugger.properties, "appArmor"), std::string("unconfined"));
        // That a device is mapped, never its path.
        QCOMPARE(list(debugger.properties, "devices"), StringList{"device 1"});
        QCOMPARE(text(debugger.properties, "runAsNonRoot"), std::string("no"));

        const Element &runner = element(model, "ci-runner");
        QCOMPARE(list(runner.properties, "hostPathMounts"), StringList{"/run/docker.sock"});
        QVERIFY(flowBetween(model, "ci-runner", "docker-engine"));
        QCOMPARE(text(runner.properties, "secretsInEnv"), std::string("yes"));

        // Each sensitive mount and setting is in the report, with its line.
        const std::string report = formatImportReport(imported.report);
        for (const char *expected : {"compose.yml:5: service monitor: runs privileged", "mounts / read-only", "mounts /proc",
                                     "mounts /var/lib/docker", "mounts /lib/modules", "mounts /etc writable",
                                     "mounts /run/docker.sock", "seccomp is switched off", "AppArmor is switched off",
                                     "host device /dev/kvm", "RUNNER_REGISTRATION_TOKEN looks like a secret"})
            QVERIFY2(report.find(expected) != std::string::npos, expected);
    }

    void acceptanceThreats()
    {
        // The Docker socket, a privileged container and a password in the environment.
        const AnalysisResult stack = analyzeModel(importOrFail(webStack()).model, builtInCatalog());
        QVERIFY(hasThreat(stack, "RUN-07@proxy"));
        QVERIFY(hasThreat(stack, "IAM-01@api"));
        const AnalysisResult risky = analyzeModel(importOrFail({fixture("risky/compose.yml")}).model, builtInCatalog());
        QVERIFY(hasThreat(risky, "RUN-01@monitor"));
        QVERIFY(hasThreat(risky, "RUN-07@ci-runner"));
        QVERIFY(hasThreat(risky, "RUN-06@monitor"));
    }

    void importedModelsValidate()
    {
        for (const auto &files : {webStack(), std::vector<std::string>{fixture("risky/compose.yml")}}) {
            const ImportResult imported = importOrFail(files);
            for (const std::string &line : imported.report.validation)
                QVERIFY2(line.rfind("error:", 0) != 0, line.c_str());
            // Laid out: no two elements share a position.
            std::set<std::pair<double, double>> positions;
            for (const Element &e : imported.model.elements())
                positions.insert({e.geometry.x, e.geometry.y});
            QCOMPARE(positions.size(), imported.model.elements().size());
        }
    }

    void secretValuesNeverReachTheModel()
    {
        const std::map<std::string, std::string> environment{{"API_DB_PASSWORD", "s3cr3t-from-the-environment"}};
        for (const auto &files : {webStack(), std::vector<std::string>{fixture("risky/compose.yml")}}) {
            const std::string all = everything(importOrFail(files, environment));
            for (const char *secret : {"s3cr3t-from-the-environment", "hunter2-from-compose", "sk_live_never_in_the_model",
                                       "mail-secret-value", "dev-only-token-value", "glrt-secret-never-copied",
                                       "example-root-password"})
                QVERIFY2(all.find(secret) == std::string::npos, secret);
        }
    }

    void environmentOverridesDotEnv()
    {
        // .env says 2.0.1, not pinned; the environment's digest wins, though neither is shown.
        const ImportResult imported = importOrFail(webStack(), {{"WEB_TAG", "3.0.0@sha256:0123456789abcdef"}});
        const PropertyMap &web = element(imported.model, "web").properties;
        QCOMPARE(text(web, "image.pinnedByDigest"), std::string("yes"));
        QCOMPARE(text(web, "image.ref"), std::string("registry.example.com/shop/web:${WEB_TAG}"));
    }

    void interpolation_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("shown");
        // Text from the file itself (defaults, alternatives) is shown; a variable's value never is.
        QTest::newRow("default when unset") << "app:${UNSET:-1.0}" << "app:1.0" << "app:1.0";
        QTest::newRow("default when empty") << "app:${EMPTY:-1.0}" << "app:1.0" << "app:1.0";
        QTest::newRow("dash keeps empty") << "app:${EMPTY-1.0}x" << "app:x" << "app:${EMPTY}x";
        QTest::newRow("dash default when unset") << "app:${UNSET-1.0}" << "app:1.0" << "app:1.0";
        QTest::newRow("question mark accepts empty") << "app:${EMPTY?needed}x" << "app:x" << "app:${EMPTY}x";
        QTest::newRow("set wins") << "app:${TAG:-1.0}" << "app:2.5" << "app:${TAG}";
        QTest::newRow("plain") << "app:$TAG" << "app:2.5" << "app:${TAG}";
        QTest::newRow("alternative") << "app:${TAG:+alt}" << "app:alt" << "app:alt";
        QTest::newRow("dollar escape") << "app:$$TAG" << "app:$TAG" << "app:$TAG";
        QTest::newRow("nested default") << "app:${UNSET:-${TAG}}" << "app:2.5" << "app:${TAG}";
        QTest::newRow("required and set") << "app:${TAG:?give a tag}" << "app:2.5" << "app:${TAG}";
    }

    void interpolation()
    {
        QFETCH(QString, image);
        QFETCH(QString, value);
        QFETCH(QString, shown);
        const std::map<std::string, std::string> environment{{"TAG", "2.5"}, {"EMPTY", ""}};
        ComposeVariables variables(environment);
        const auto expanded = variables.expand(image.toStdString());
        QVERIFY2(expanded, expanded.error().c_str());
        QCOMPARE(QString::fromStdString(expanded->value), value);
        QCOMPARE(QString::fromStdString(expanded->shown), shown);
        // The import records the shown form.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("compose.yml")).toStdString();
        std::ofstream(path) << "services:\n  app:\n    image: \"" << image.toStdString() << "\"\n";
        auto imported = importCompose({path}, environment);
        QVERIFY2(imported, imported.error().c_str());
        QCOMPARE(QString::fromStdString(text(imported->model.findElement("app")->properties, "image.ref")), shown);
    }

    void envFilesNeverLeakValues()
    {
        QTemporaryDir dir;
        const std::string compose = dir.filePath(QStringLiteral("compose.yml")).toStdString();
        std::ofstream(compose) << "services:\n  app:\n    image: example/app:1\n    env_file: [app.env]\n";
        std::ofstream(dir.filePath(QStringLiteral("app.env")).toStdString())
            << "# comment\n"
               "PRIVATE_KEY=\"-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAleaked\n-----END RSA PRIVATE KEY-----\"\n"
               "SMTP_PASSWORD: hunter2-colon-form\n"
               "export  REGION = eu-west-1 # where it runs\n"
               "not a variable line with = sign-value-leak\n"
               "REGION=eu-central-1\n";
        auto imported = importCompose({compose}, {});
        QVERIFY2(imported, imported.error().c_str());
        GraphvizLayoutEngine layout;
        finishImport(*imported, builtInCatalog(), layout);
        const std::string all = everything(*imported);
        for (const char *value : {"MIIEowIBAAKCAQEAleaked", "END RSA", "hunter2-colon-form", "eu-west-1", "eu-central-1", "sign-value-leak"})
            QVERIFY2(all.find(value) == std::string::npos, value);
        const std::string notes = text(imported->model.findElement("app")->properties, "notes");
        QVERIFY2(notes.find("PRIVATE_KEY, SMTP_PASSWORD, REGION") != std::string::npos, notes.c_str());
        QCOMPARE(text(imported->model.findElement("app")->properties, "secretsInEnv"), std::string("yes"));
    }

    void errorsNeverQuoteValues()
    {
        QTemporaryDir dir;
        const std::string compose = dir.filePath(QStringLiteral("compose.yml")).toStdString();
        std::ofstream(compose) << "services:\n  app:\n    image: example/app:1\n    environment:\n      DB_PASSWORD: \"hunter2${oops\"\n";
        const auto imported = importCompose({compose}, {});
        QVERIFY(!imported);
        QVERIFY2(imported.error().find("compose.yml:5:20: unterminated ${") != std::string::npos, imported.error().c_str());
        QVERIFY2(imported.error().find("hunter2") == std::string::npos, imported.error().c_str());
    }

    void malformedPorts_data()
    {
        QTest::addColumn<QString>("ports");
        QTest::addColumn<QString>("expected");
        QTest::newRow("huge host port") << "[\"99999999999999999999:80\"]" << "is not a port number";
        QTest::newRow("host port out of range") << "[\"123456:80\"]" << "is not a port number";
        QTest::newRow("host port not a number") << "[\"abc:80\"]" << "\"abc\" is not a port number";
        QTest::newRow("address without host port") << "[\"1.2.3.4:80\"]" << "\"1.2.3.4\" is not a port number";
        QTest::newRow("bad protocol") << "[\"80:80/tcp:x\"]" << "tcp, udp or sctp";
        QTest::newRow("IPv6 without colon") << "[\"[::1]8080:80\"]" << "must be followed by ':'";
        QTest::newRow("huge published port") << "[{target: 80, published: \"99999999999999999999\"}]" << "is not a port number";
        QTest::newRow("expose out of range") << "[]\n    expose: [\"99999\"]" << "is not a port (1-65535)";
    }

    void malformedPorts()
    {
        QFETCH(QString, ports);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string compose = dir.filePath(QStringLiteral("compose.yml")).toStdString();
        std::ofstream(compose) << "services:\n  app:\n    image: example/app:1\n    ports: " << ports.toStdString() << "\n";
        const auto imported = importCompose({compose}, {});
        QVERIFY(!imported);
        QVERIFY2(imported.error().find("compose.yml:") != std::string::npos, imported.error().c_str());
        QVERIFY2(QString::fromStdString(imported.error()).contains(expected), imported.error().c_str());
    }

    void portFormsThatAreFine()
    {
        QTemporaryDir dir;
        const std::string compose = dir.filePath(QStringLiteral("compose.yml")).toStdString();
        std::ofstream(compose) << "services:\n  app:\n    image: example/app:1\n    user: \"${UNSET_UID}\"\n"
                                  "    ports: [\"[::1]:8080:80\", \"9000-9001:9000-9001/udp\"]\n    expose: [\"7000-7010\"]\n";
        auto imported = importCompose({compose}, {});
        QVERIFY2(imported, imported.error().c_str());
        const PropertyMap &p = imported->model.findElement("app")->properties;
        QCOMPARE(list(p, "publishedPorts"), (StringList{"[::1]:8080->80/tcp", "0.0.0.0:9000->9000/udp"}));
        QCOMPARE(list(p, "requiredPorts"), StringList{"7000-7010/tcp"});
        // An empty user leaves the image's user: not known to be non-root.
        QCOMPARE(text(p, "runAsNonRoot"), std::string("<unset>"));
        QVERIFY(imported->model.findElement("host-local-client")); // ::1 is loopback
    }

    void hostPathsAreNormalised()
    {
        QTemporaryDir dir;
        const std::string compose = dir.filePath(QStringLiteral("compose.yml")).toStdString();
        std::ofstream(compose) << "services:\n  app:\n    image: example/app:1\n"
                                  "    volumes: [\"/etc/:/host-etc\", \"//var/./lib/../lib/docker/:/docker:ro\", \"/var:/v\", \"./src/:/src\"]\n";
        auto imported = importCompose({compose}, {});
        QVERIFY2(imported, imported.error().c_str());
        QCOMPARE(list(imported->model.findElement("app")->properties, "hostPathMounts"),
                 (StringList{"/etc", "/var/lib/docker:ro", "/var", "./src/"}));
        const std::string report = formatImportReport(imported->report);
        QVERIFY2(report.find("mounts /var writable — a parent of /var/lib/docker") != std::string::npos, report.c_str());
        GraphvizLayoutEngine layout;
        finishImport(*imported, builtInCatalog(), layout);
        QVERIFY(hasThreat(analyzeModel(imported->model, builtInCatalog()), "RUN-06@app"));
        // Thousands of flows between the same two elements still get unique ids, quickly.
        IdAllocator ids;
        std::set<std::string> made;
        for (int i = 0; i < 20000; ++i)
            made.insert(ids.make("client-to-app"));
        QCOMPARE(made.size(), std::size_t(20000));
        QVERIFY(made.count("client-to-app") && made.count("client-to-app-20000"));
    }

    void wideMappingsStayLinear()
    {
        // 50,000 keys in one mapping: a duplicate check that scans earlier keys would take
        // minutes here (the test's timeout catches that); a set takes well under a second.
        std::string text = "x-wide:\n";
        for (int i = 0; i < 50000; ++i)
            text += "  key" + std::to_string(i) + ": v\n";
        text += "  key17: again\n";
        const auto parsed = parseYaml(text, "wide.yml");
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().find("wide.yml:50002:3: duplicate key \"key17\"") != std::string::npos, parsed.error().c_str());
    }

    void dockerSocketByOtherMeans()
    {
        QTemporaryDir dir;
        const std::string compose = dir.filePath(QStringLiteral("compose.yml")).toStdString();
        std::ofstream(compose) << "services:\n  builder:\n    image: docker:27-cli\n    use_api_socket: true\n"
                                  "  agent:\n    image: example/agent:1\n    volumes: [\"/var/run/docker.sock:/var/run/docker.sock\"]\n"
                                  "  sidecar:\n    image: example/sidecar:1\n    volumes_from: [\"agent:ro\"]\n";
        auto imported = importCompose({compose}, {});
        QVERIFY2(imported, imported.error().c_str());
        GraphvizLayoutEngine layout;
        finishImport(*imported, builtInCatalog(), layout);
        QCOMPARE(list(imported->model.findElement("sidecar")->properties, "hostPathMounts"), StringList{"/var/run/docker.sock:ro"});
        const AnalysisResult result = analyzeModel(imported->model, builtInCatalog());
        QVERIFY(hasThreat(result, "RUN-07@builder"));
        QVERIFY(hasThreat(result, "RUN-07@sidecar"));
        QVERIFY(flowBetween(imported->model, "sidecar", "docker-engine"));
    }

    void mergesLikeCompose()
    {
        const ImportResult imported = importOrFail({fixture("merging/compose.yml"), fixture("merging/compose.override.yml")});
        const ThreatModel &model = imported.model;
        // Project names are normalised as Compose does.
        QCOMPARE(model.metadata().title, std::string("Docker Compose: myshopv2"));
        const Element &app = element(model, "app");
        // Ports merge by what they publish: 8080:80 and 8080:80/tcp are one.
        QCOMPARE(list(app.properties, "publishedPorts"),
                 (StringList{"0.0.0.0:8080->80/tcp", "0.0.0.0:9090->90/tcp", "0.0.0.0:8443->443/tcp"}));
        // Volumes merge by target: the named volume replaced the bind mount at /data.
        QCOMPARE(list(app.properties, "hostPathMounts"), StringList{});
        QVERIFY(flowBetween(model, "app", "volume-appdata"));
        QVERIFY(flowBetween(model, "app", "volume-logs"));
        // Lists of networks and dependencies add up, list and mapping forms alike.
        QCOMPARE(app.boundary, std::string("network-front"));
        QVERIFY(flowBetween(model, "app", "db"));
        QVERIFY(flowBetween(model, "app", "cache"));
        // extends from another file; its depends_on stays behind, as in Compose.
        QVERIFY(flag(app.properties, "readOnlyRootFilesystem"));
        QVERIFY(flag(app.properties, "capDropAll"));
        QVERIFY(!model.findElement("something-else"));
        // !override replaced the environment instead of merging it.
        const std::string notes = text(app.properties, "notes");
        QVERIFY2(notes.find("variables (values not imported): B") != std::string::npos && notes.find("A,") == std::string::npos, notes.c_str());
        // extends within the project, and network_mode service: sits with that service.
        const Element &debug = element(model, "debug");
        QVERIFY(flag(debug.properties, "readOnlyRootFilesystem"));
        QCOMPARE(text(debug.properties, "image.ref"), std::string("example/debug:1"));
        QCOMPARE(debug.boundary, app.boundary);
        // !reset removed the ports, and network_mode none would have ignored them anyway.
        QCOMPARE(list(element(model, "offline").properties, "publishedPorts"), StringList{});
        QVERIFY(!flowBetween(model, "network-client", "offline"));
        // The second YAML document of the first file was read too.
        QVERIFY(formatImportReport(imported.report).find("labels not mapped") != std::string::npos);
    }

    void reportShowsControlCharactersEscaped()
    {
        // A service name with a window-title sequence and a right-to-left override, a mount
        // path with another: the report is for a terminal, so every finding stays one plain
        // line and shows them as escapes. The model keeps the names as they are.
        const ImportResult imported = importOrFail({fixture("hostile/compose.yml")});
        const std::string report = formatImportReport(imported.report);
        const QStringList lines = QString::fromStdString(report).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString &line : lines)
            QVERIFY2(test::isSafeOneLine(line), qPrintable(line));
        QCOMPARE(lines.size(), 4 + int(imported.report.mapped.size() + imported.report.flagged.size()
                                       + imported.report.skipped.size() + imported.report.validation.size()));
        QVERIFY2(report.find("compose.yml:4: service web\\x1b]0;pwned\\x07\\u202e: runs privileged") != std::string::npos,
                 report.c_str());
        QVERIFY2(report.find("bind mount /srv/\\u202egnp.exe") != std::string::npos, report.c_str());
        QVERIFY(std::any_of(imported.model.elements().begin(), imported.model.elements().end(),
                            [](const Element &e) { return e.name == "web\x1b]0;pwned\x07\u202e"; }));
    }

    void networkModeNoneDropsPorts()
    {
        const ImportResult imported = importOrFail({fixture("merging/compose.yml")});
        QCOMPARE(list(element(imported.model, "offline").properties, "publishedPorts"), StringList{});
        QVERIFY(formatImportReport(imported.report).find("ports ignored, as Docker does, with network_mode none") != std::string::npos);
        QCOMPARE(element(imported.model, "offline").boundary, std::string("docker-host"));
    }

    void projectNameFromTheEnvironment()
    {
        const ImportResult imported = importOrFail({fixture("merging/compose.yml")}, {{"COMPOSE_PROJECT_NAME", "Night_Build"}});
        QCOMPARE(imported.model.metadata().title, std::string("Docker Compose: night_build"));
    }

    void extendsErrors_data()
    {
        QTest::addColumn<QString>("services");
        QTest::addColumn<QString>("expected");
        QTest::newRow("cycle") << "  a:\n    extends: b\n  b:\n    extends: a\n" << "more than 10 services deep";
        QTest::newRow("missing service") << "  a:\n    extends: nowhere\n    image: x\n" << "extends nowhere, which is not a service here";
        QTest::newRow("missing file") << "  a:\n    extends: {file: gone.yml, service: b}\n" << "gone.yml";
    }

    void extendsErrors()
    {
        QFETCH(QString, services);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string compose = dir.filePath(QStringLiteral("compose.yml")).toStdString();
        std::ofstream(compose) << "services:\n" << services.toStdString();
        const auto imported = importCompose({compose}, {});
        QVERIFY(!imported);
        QVERIFY2(QString::fromStdString(imported.error()).contains(expected), imported.error().c_str());
    }

    void devicesRecordNoPath()
    {
        QTemporaryDir dir;
        const std::string compose = dir.filePath(QStringLiteral("compose.yml")).toStdString();
        std::ofstream(compose) << "services:\n  app:\n    image: example/app:1\n"
                                  "    devices: [\"/dev/fuse\", \"/dev/sda:/dev/xvda:rwm\", {source: /dev/mem, target: /dev/mem}]\n";
        auto imported = importCompose({compose}, {});
        QVERIFY2(imported, imported.error().c_str());
        GraphvizLayoutEngine layout;
        finishImport(*imported, builtInCatalog(), layout);
        QCOMPARE(list(imported->model.findElement("app")->properties, "devices"),
                 (StringList{"device 1", "device 2 (a host disk)", "device 3 (the host's physical memory)"}));
        QVERIFY(writeModelText(imported->model).find("/dev/") == std::string::npos);
        QVERIFY(hasThreat(analyzeModel(imported->model, builtInCatalog()), "RUN-06@app"));
        // The report, for the reader at the terminal, names each device as written.
        QVERIFY(formatImportReport(imported->report).find("has the host device /dev/sda — a host disk") != std::string::npos);
    }

    void emptyValuesAreReportedWhereTheyAre()
    {
        QTemporaryDir dir;
        const std::string compose = dir.filePath(QStringLiteral("compose.yml")).toStdString();
        std::ofstream(compose) << "services:\n  web:\n\n  db:\n    image: example/db:1\n";
        const auto imported = importCompose({compose}, {});
        QVERIFY(!imported);
        QVERIFY2(imported.error().find("compose.yml:2:3: service web must be a mapping, not nothing") != std::string::npos,
                 imported.error().c_str());
    }

    void deterministic()
    {
        const std::string first = everything(importOrFail(webStack()));
        const std::string second = everything(importOrFail(webStack()));
        QVERIFY(first == second);
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("invalid YAML") << "bad/invalid.yml" << "bad/invalid.yml:5:1: invalid YAML";
        QTest::newRow("wrong type") << "bad/wrong-type.yml" << "bad/wrong-type.yml:4:17: privileged must be true or false, not \"maybe\"";
        QTest::newRow("unknown key") << "bad/unknown-key.yml" << "bad/unknown-key.yml:4:13: service web: unknown key \"imagee\"";
        QTest::newRow("unknown top-level key") << "bad/unknown-top-level.yml" << "bad/unknown-top-level.yml:4:1: unknown top-level key \"servics\"";
        QTest::newRow("ports not a list") << "bad/wrong-ports.yml" << "bad/wrong-ports.yml:4:12: ports must be a list, not text";
        QTest::newRow("alias bomb") << "bad/alias-bomb.yml" << "is it an alias bomb?";
        QTest::newRow("deep nesting") << "bad/deep-nesting.yml" << "bad/deep-nesting.yml:";
        QTest::newRow("required variable") << "bad/missing-variable.yml"
                                           << "bad/missing-variable.yml:3:12: required variable NGINX_TAG is not set: set NGINX_TAG to the release to deploy";
        QTest::newRow("missing file") << "bad/no-such-file.yml" << "bad/no-such-file.yml";
    }

    void badInput()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const auto imported = importCompose({fixture(file.toUtf8().constData())}, {});
        QVERIFY(!imported);
        QVERIFY2(QString::fromStdString(imported.error()).contains(expected), imported.error().c_str());
        QCOMPARE(imported.error().find('\n'), std::string::npos); // one line
    }

    void errorsNameTheFileTheyAreIn()
    {
        // The second file is the broken one.
        const auto imported = importCompose({fixture("web-stack/compose.yml"), fixture("bad/wrong-type.yml")}, {});
        QVERIFY(!imported);
        QVERIFY2(imported.error().find("bad/wrong-type.yml:4:") != std::string::npos, imported.error().c_str());
    }

    void hugeFileIsRefusedUnread()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("huge.yml")).toStdString();
        {
            std::ofstream out(path);
            out << "services:\n  web:\n    image: nginx\nx-padding: |\n";
            const std::string line = "  " + std::string(1022, 'x') + "\n";
            for (int i = 0; i < 9 * 1024; ++i)
                out << line;
        }
        const auto imported = importCompose({path}, {});
        QVERIFY(!imported);
        QVERIFY2(imported.error().find("huge.yml") != std::string::npos && imported.error().find("too large") != std::string::npos,
                 imported.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestImportCompose)
#include "tst_import_compose.moc"
