// Reverse proxies in Compose files: Traefik's flags and labels, caddy-docker-proxy's labels and
// nginx-proxy's variables become entry points, properties and flows, with their evidence in the
// import report; label and command values that are not parsed never reach the model.

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "import/composeimporter.h"
#include "io/modelwriter.h"
#include "layout/graphvizlayoutengine.h"
#include "report/analysisexport.h"
#include "testfiles.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace bulkhead;

namespace {

std::string fixture(const char *name)
{
    return bulkhead::test::dataPath(QStringLiteral("import/compose/proxies/") + QLatin1String(name)).toStdString();
}

ImportResult importOrFail(const char *name, const std::map<std::string, std::string> &environment = {})
{
    auto imported = importCompose({fixture(name)}, environment);
    if (!imported)
        qFatal("import failed: %s", imported.error().c_str());
    GraphvizLayoutEngine layout;
    finishImport(*imported, builtInCatalog(), layout);
    return std::move(*imported);
}

const Flow *flowBetween(const ThreatModel &model, const std::string &source, const std::string &target, std::int64_t port = -1)
{
    for (const Flow &flow : model.flows()) {
        const auto p = flow.properties.find("port");
        const std::int64_t flowPort = p == flow.properties.end() ? 0 : std::get<std::int64_t>(p->second);
        if (flow.source == source && flow.target == target && (port < 0 || flowPort == port))
            return &flow;
    }
    return nullptr;
}

std::string text(const PropertyMap &properties, const std::string &name)
{
    const auto it = properties.find(name);
    return it != properties.end() && std::holds_alternative<std::string>(it->second) ? std::get<std::string>(it->second) : "<unset>";
}

std::int64_t number(const PropertyMap &properties, const std::string &name)
{
    const auto it = properties.find(name);
    return it != properties.end() && std::holds_alternative<std::int64_t>(it->second) ? std::get<std::int64_t>(it->second) : -1;
}

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

/** The report line of `findings` whose text contains `needle`, as "WHERE: TEXT", or "". */
std::string line(const std::vector<ImportFinding> &findings, const std::string &needle)
{
    for (const ImportFinding &finding : findings)
        if (contains(finding.text, needle))
            return finding.where + ": " + finding.text;
    return {};
}

std::string everything(const ImportResult &imported)
{
    const AnalysisResult result = analyzeModel(imported.model, builtInCatalog());
    std::ostringstream analysis;
    writeAnalysisJson(analysis, result, imported.model, builtInCatalog());
    return writeModelText(imported.model) + formatImportReport(imported.report) + analysis.str();
}

} // namespace

class TestImportProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void traefikAccessLogIsRead()
    {
        const ImportResult imported = importOrFail("traefik-accesslog.yml", {});
        auto elementNamed = [](const ThreatModel &model, const std::string &name) -> const Element * {
            for (const Element &element : model.elements())
                if (element.name == name)
                    return &element;
            return nullptr;
        };
        const Element *traefik = elementNamed(imported.model, "traefik");
        QVERIFY(traefik);
        QCOMPARE(text(traefik->properties, "accessLogging"), std::string("yes"));
        const std::string logged = line(imported.report.mapped, "Traefik logs every request");
        QVERIFY2(logged.starts_with(fixture("traefik-accesslog.yml") + ":")
                     && logged.ends_with("service traefik: Traefik logs every request (--accesslog): accessLogging yes"),
                 logged.c_str());
        // Not stated: left unknown, not guessed from Traefik's default.
        const Element *quiet = elementNamed(imported.model, "quiet");
        QVERIFY(quiet);
        QVERIFY(quiet->properties.find("accessLogging") == quiet->properties.end());
    }

    void traefikRoutersBecomeFlowsFromTheProxy()
    {
        const ImportResult imported = importOrFail("traefik.yml", {{"SHOP_DOMAIN", "SENTINELDOMAIN.example"}});
        const ThreatModel &model = imported.model;
        const Flow *shop = flowBetween(model, "traefik", "shop");
        QVERIFY(shop);
        QCOMPARE(number(shop->properties, "port"), std::int64_t(3000));
        QCOMPARE(text(shop->properties, "protocol"), std::string("http"));
        QCOMPARE(text(shop->properties, "encrypted"), std::string("no"));
        // The host from a variable is shown as the variable, never its value.
        QVERIFY(contains(text(shop->properties, "notes"), "Host ${SHOP_DOMAIN}, www.example.org on websecure, TLS"));
        const Flow *legacy = flowBetween(model, "traefik", "legacy");
        QVERIFY(legacy);
        QCOMPARE(number(legacy->properties, "port"), std::int64_t(8081)); // its only exposed port
        QVERIFY(contains(text(legacy->properties, "notes"), "without TLS; middlewares office-only (ipallowlist)"));
        QVERIFY(!flowBetween(model, "traefik", "db")); // exposedbydefault=false, no traefik.enable
        const std::string where = fixture("traefik.yml");
        QCOMPARE(line(imported.report.mapped, "router shop →"),
                 where + ":29: service shop: Traefik router shop → a flow from traefik to shop on port 3000 (http); Host ${SHOP_DOMAIN}, www.example.org on websecure, TLS");
        QVERIFY(!line(imported.report.flagged, "router legacy is served without TLS on web, websecure").empty());
    }

    void traefikEntryPointsDescribeThePublishedPorts()
    {
        const ImportResult imported = importOrFail("traefik.yml");
        const ThreatModel &model = imported.model;
        const Element *proxy = model.findElement("traefik");
        QVERIFY(proxy);
        QCOMPARE(proxy->kind, std::string("ingress"));
        QCOMPARE(text(proxy->properties, "tlsTermination"), std::string("no")); // legacy is plain
        QCOMPARE(text(proxy->properties, "clientAuthentication"), std::string("no"));
        const Flow *api = flowBetween(model, "network-client", "traefik", 8080);
        QVERIFY(api);
        QCOMPARE(text(api->properties, "authentication"), std::string("none"));
        QCOMPARE(text(api->properties, "protocol"), std::string("http"));
        QVERIFY(contains(text(api->properties, "notes"), "Traefik's API and dashboard (--api.insecure=true)"));
        const Flow *web = flowBetween(model, "network-client", "traefik", 80);
        QVERIFY(contains(text(web->properties, "notes"), "redirects every request to the entry point websecure"));
        const Flow *secure = flowBetween(model, "network-client", "traefik", 443);
        QCOMPARE(text(secure->properties, "encrypted"), std::string("<unset>")); // TLS for some routers only
        const std::string insecure = line(imported.report.flagged, "--api.insecure");
        QVERIFY2(insecure.starts_with(fixture("traefik.yml") + ":"), insecure.c_str());
        QVERIFY2(contains(insecure, ": service traefik: --api.insecure=true serves Traefik's API and dashboard without "
                                    "authentication on the entry point traefik (:8080); it is an admin interface"),
                 insecure.c_str());
    }

    void anInsecureDashboardIsOneFinding()
    {
        const ImportResult imported = importOrFail("traefik.yml");
        const Flow *api = flowBetween(imported.model, "network-client", "traefik", 8080);
        QVERIFY(api);
        const AnalysisResult result = analyzeModel(imported.model, builtInCatalog());
        std::vector<std::string> onApi;
        for (const Threat &threat : result.threats)
            if (threat.subjectId == api->id)
                onApi.push_back(threat.id());
        std::string found;
        for (const std::string &id : onApi)
            found += id + " ";
        // The open API is reported once, as plain text without a login (NET-03), not again as
        // an unauthenticated call (NET-04). The edge questions an ingress gets on an entry that
        // may face the internet (rate limits NET-06, access log NET-10) are about the entry,
        // not the dashboard.
        const auto has = [&](const std::string &rule) {
            return std::find(onApi.begin(), onApi.end(), rule + "@" + api->id) != onApi.end();
        };
        QVERIFY2(has("NET-03"), found.c_str());
        QVERIFY2(!has("NET-04"), found.c_str());
        for (const std::string &id : onApi)
            QVERIFY2(id.starts_with("NET-03@") || id.starts_with("NET-06@") || id.starts_with("NET-10@"),
                     found.c_str());
    }

    void parsedLabelsAndCommandsLeaveTheirValuesOut()
    {
        const ImportResult imported = importOrFail("traefik.yml", {{"SHOP_DOMAIN", "SENTINELDOMAIN.example"}});
        const std::string all = everything(imported);
        for (const char *sentinel : {"SENTINELHASH", "SENTINELCOMMAND", "SENTINELDOMAIN", "ops@example.org"})
            QVERIFY2(!contains(all, sentinel), sentinel);
        QVERIFY(!line(imported.report.skipped, "service db: command not mapped (its values are not imported)").empty());
    }

    void traefikRoutesEveryServiceByDefault()
    {
        const ImportResult imported = importOrFail("traefik-defaults.yml");
        const Flow *app = flowBetween(imported.model, "proxy", "app");
        QVERIFY(app);
        QCOMPARE(number(app->properties, "port"), std::int64_t(8000));
        QVERIFY(contains(text(app->properties, "notes"), "Host app on http, without TLS"));
        QVERIFY(!flowBetween(imported.model, "proxy", "hidden")); // traefik.enable=false
        QVERIFY(!line(imported.report.flagged, "routes every service by default").empty());
        // Traefik is an ingress deployed as a container: what its configuration shows about TLS
        // is the ingress's own property.
        const Element *proxy = imported.model.findElement("proxy");
        QCOMPARE(proxy->kind, std::string("ingress"));
        QCOMPARE(text(proxy->properties, "deployedAs"), std::string("container"));
        QCOMPARE(text(proxy->properties, "tlsTermination"), std::string("no"));
    }

    void caddyDockerProxyLabelsBecomeSites()
    {
        const ImportResult imported = importOrFail("caddy.yml");
        const Flow *blog = flowBetween(imported.model, "caddy", "blog");
        QVERIFY(blog);
        QCOMPARE(number(blog->properties, "port"), std::int64_t(2368));
        QVERIFY(contains(text(blog->properties, "notes"), "Caddy site blog.example.org (automatic HTTPS)"));
        const Flow *status = flowBetween(imported.model, "caddy", "status");
        QVERIFY(status);
        QCOMPARE(number(status->properties, "port"), std::int64_t(3001));
        QVERIFY(contains(text(status->properties, "notes"), "http://status.internal (without TLS)"));
        QCOMPARE(text(flowBetween(imported.model, "network-client", "caddy", 443)->properties, "encrypted"), std::string("yes"));
    }

    void nginxProxyVariablesBecomeHosts()
    {
        const ImportResult imported = importOrFail("nginx-proxy.yml");
        const Flow *wiki = flowBetween(imported.model, "nginx-proxy", "wiki");
        QVERIFY(wiki);
        QCOMPARE(number(wiki->properties, "port"), std::int64_t(8080));
        QVERIFY(contains(text(wiki->properties, "notes"), "with a Let's Encrypt certificate"));
        const Flow *intranet = flowBetween(imported.model, "nginx-proxy", "intranet");
        QVERIFY(intranet);
        QCOMPARE(number(intranet->properties, "port"), std::int64_t(5000));
        QVERIFY(contains(text(intranet->properties, "notes"), "without a certificate the files show"));
        QCOMPARE(line(imported.report.mapped, "VIRTUAL_HOST wiki.example.org"),
                 fixture("nginx-proxy.yml") + ":13: service wiki: nginx-proxy: VIRTUAL_HOST wiki.example.org with a Let's "
                                              "Encrypt certificate (LETSENCRYPT_HOST, acme-companion). → a flow from "
                                              "nginx-proxy to wiki on port 8080 (http)");
    }

    void proxyPropertiesFollowTheUserCatalog()
    {
        // A user catalog that gives containers a TLS-termination property: nginx-proxy's
        // container then holds what its variables show, instead of a note about it.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("extra.json")).toStdString();
        std::ofstream(path) << R"({"format": "bulkhead-catalog", "formatVersion": 1, "id": "extra",
            "elementKinds": [{"id": "container", "role": "process", "properties": [{"name": "tlsTermination", "label": "TLS termination",
            "type": "tri", "default": "unknown", "description": "Whether clients connect over TLS."}]}]})";
        const CatalogLoad load = loadCatalog({path});
        QVERIFY2(load.catalog, load.errors.empty() ? "" : load.errors.front().c_str());
        ComposeImportOptions options;
        options.catalog = &*load.catalog;
        const auto extended = importCompose({fixture("nginx-proxy.yml")}, {}, options);
        QVERIFY2(extended, extended ? "" : extended.error().c_str());
        const Element *proxy = extended->model.findElement("nginx-proxy");
        QCOMPARE(proxy->kind, std::string("container"));
        QCOMPARE(text(proxy->properties, "tlsTermination"), std::string("no")); // one of two hosts has a certificate
        const ImportResult builtInImport = importOrFail("nginx-proxy.yml");
        const Element *builtIn = builtInImport.model.findElement("nginx-proxy");
        QCOMPARE(text(builtIn->properties, "tlsTermination"), std::string("<unset>"));
        QVERIFY(contains(text(builtIn->properties, "notes"), "Its configuration shows tlsTermination no."));
    }

    void aMountedNginxConfigurationIsNotGuessed()
    {
        const ImportResult imported = importOrFail("nginx-conf.yml");
        QVERIFY(!flowBetween(imported.model, "web", "app"));
        QVERIFY(!line(imported.report.skipped, "the proxy's routes are in the mounted ./nginx.conf, which the import does not read").empty());
    }
};

QTEST_GUILESS_MAIN(TestImportProxy)
#include "tst_import_proxy.moc"
