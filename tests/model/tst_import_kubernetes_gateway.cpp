// The Gateway API in the Kubernetes import: a Gateway becomes an ingress element facing the
// internet on its listeners, and attached routes lead through their Services to the pods
// (docs/import.md, "Gateway API").

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "import/kubernetesimporter.h"
#include "importfindings.h"
#include "testfiles.h"

#include <QTest>

#include <set>
#include <tuple>

using namespace bulkhead;
using test::describe;
using test::hasFinding;

namespace {

std::string nameOf(const ThreatModel &model, const std::string &id)
{
    const Element *element = model.findElement(id);
    return element ? element->name : id;
}

std::string textProperty(const PropertyMap &properties, const std::string &name)
{
    const auto it = properties.find(name);
    return it == properties.end() || !std::holds_alternative<std::string>(it->second) ? std::string("(not set)")
                                                                                       : std::get<std::string>(it->second);
}

const Element *elementNamed(const ThreatModel &model, const std::string &name)
{
    for (const Element &element : model.elements())
        if (element.name == name)
            return &element;
    return nullptr;
}

using FlowRow = std::tuple<std::string, std::string, std::int64_t, std::string, std::string>;

} // namespace

class TestImportKubernetesGateway : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        auto result = importKubernetes({test::dataPath(QStringLiteral("import/k8s/gateway-api.yaml")).toStdString()});
        QVERIFY2(result, result ? "" : result.error().c_str());
        m_imported = std::move(*result);
    }

    void gatewayIsAnIngressElement()
    {
        const ThreatModel &model = m_imported.model;
        const Element *gateway = elementNamed(model, "gateway/public");
        QVERIFY(gateway);
        QCOMPARE(gateway->kind, std::string("ingress"));
        QCOMPARE(model.findBoundary(gateway->boundary)->name, std::string("edge"));
        QVERIFY(std::get<bool>(gateway->properties.at("exposedToInternet")));
        // The plain HTTP listener serves clients without TLS.
        QCOMPARE(textProperty(gateway->properties, "tlsTermination"), std::string("no"));
        QVERIFY(textProperty(gateway->properties, "notes").find("Gateway class envoy.") != std::string::npos);
    }

    void everyFlowThroughTheGateway()
    {
        const ThreatModel &model = m_imported.model;
        std::set<FlowRow> actual;
        for (const Flow &flow : model.flows())
            actual.emplace(nameOf(model, flow.source), nameOf(model, flow.target), std::get<std::int64_t>(flow.properties.at("port")),
                           textProperty(flow.properties, "protocol"), textProperty(flow.properties, "encrypted"));
        const std::set<FlowRow> expected{
            {"Internet clients", "gateway/public", 80, "http", "no"},
            {"Internet clients", "gateway/public", 443, "https", "yes"},
            {"Internet clients", "gateway/public", 8443, "tls", "yes"},
            {"gateway/public", "storefront", 8080, "http", "no"}, // HTTPRoute, Service port 80 → 8080
            {"gateway/public", "orders", 9090, "grpc", "no"},     // GRPCRoute on the HTTPS listener
            {"gateway/public", "ledger", 8443, "tls", "yes"},     // TLSRoute, TLS passed through
        };
        QCOMPARE(actual, expected);
        QCOMPARE(model.flows().size(), expected.size());
    }

    void evidenceInTheReport()
    {
        const ImportReport &report = m_imported.report;
        QVERIFY2(hasFinding(report.mapped, "gateway-api.yaml:22",
                            "Gateway edge/public → ingress element gateway/public, internet-facing, listeners plain (HTTP 80), "
                            "web (HTTPS 443 for *.shop.example, TLS terminated), ledger (TLS 8443, TLS passed through)"),
                 describe(report.mapped).c_str());
        QVERIFY2(hasFinding(report.flagged, "gateway-api.yaml:30", "Gateway edge/public: listener plain serves HTTP on port 80 without TLS"),
                 describe(report.flagged).c_str());
        QVERIFY(!hasFinding(report.flagged, "gateway-api.yaml:33", "listener web"));
        QVERIFY(hasFinding(report.mapped, "gateway-api.yaml:56", "HTTPRoute shop/storefront → attached to gateway/public (listener web), routing to storefront"));
        QVERIFY(hasFinding(report.mapped, "gateway-api.yaml:77", "GRPCRoute shop/orders → attached to gateway/public (listener web), routing to orders"));
        QVERIFY(hasFinding(report.mapped, "gateway-api.yaml:96", "TLSRoute shop/ledger → attached to gateway/public (listener ledger), routing to ledger"));
    }

    void routesThatDoNotAttach()
    {
        const ImportReport &report = m_imported.report;
        // The plain listener takes routes from the Gateway's own namespace only.
        QVERIFY2(hasFinding(report.skipped, "gateway-api.yaml:119", "HTTPRoute shop/redirect: no listener of Gateway edge/public accepts it"),
                 describe(report.skipped).c_str());
        QVERIFY(!hasFinding(report.mapped, "", "HTTPRoute shop/redirect"));
        QVERIFY(hasFinding(report.skipped, "gateway-api.yaml:134", "HTTPRoute shop/strays: the parent Gateway edge/private is not among the imported manifests"));
        QVERIFY(hasFinding(report.skipped, "gateway-api.yaml:141", "HTTPRoute shop/strays: the backend Service shop/reports is not among the imported manifests"));
        QVERIFY(hasFinding(report.mapped, "gateway-api.yaml:127", "HTTPRoute shop/strays → attached to gateway/public (listener web), with no imported backends"));
        QVERIFY(hasFinding(report.skipped, "gateway-api.yaml:15", "GatewayClass envoy"));
    }

    void backendsBehindTheGatewayFaceTheInternet()
    {
        const AnalysisResult analysis = analyzeModel(m_imported.model, builtInCatalog());
        // The plaintext hop from the gateway to the storefront is a network flow that crosses
        // from namespace edge to namespace shop; the passed-through TLS to the ledger is not.
        const std::string storefront = elementNamed(m_imported.model, "storefront")->id;
        const std::string ledger = elementNamed(m_imported.model, "ledger")->id;
        bool plaintextToStorefront = false;
        bool plaintextToLedger = false;
        for (const Threat &threat : analysis.threats) {
            if (threat.id().rfind("NET-03@", 0) != 0)
                continue;
            const Flow *flow = m_imported.model.findFlow(threat.subjectId);
            plaintextToStorefront = plaintextToStorefront || (flow && flow->target == storefront);
            plaintextToLedger = plaintextToLedger || (flow && flow->target == ledger);
        }
        QVERIFY(plaintextToStorefront);
        QVERIFY(!plaintextToLedger);
    }

    void badGatewayInputIsOneLineNamingThePlace_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("listener without port") << QStringLiteral("gateway-listener-without-port.yaml")
                                               << QStringLiteral(":9:7: Gateway edge/broken: spec.listeners[0].port: missing");
        QTest::newRow("misspelt parentRef field") << QStringLiteral("gateway-route-unknown-key.yaml")
                                                  << QStringLiteral(":9:7: HTTPRoute shop/typo: spec.parentRefs[0]: unknown field \"sectionNam\"");
    }

    void badGatewayInputIsOneLineNamingThePlace()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const QString path = test::dataPath(QStringLiteral("import/k8s/bad/") + name);
        const auto result = importKubernetes({path.toStdString()});
        QVERIFY(!result);
        const QString message = QString::fromStdString(result.error());
        QVERIFY2(message.startsWith(path + expected), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    }

private:
    /** gateway-api.yaml imported once: the tests only read it. */
    ImportResult m_imported;
};

QTEST_GUILESS_MAIN(TestImportKubernetesGateway)
#include "tst_import_kubernetes_gateway.moc"
