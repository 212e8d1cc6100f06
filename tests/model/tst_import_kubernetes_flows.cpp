// East-west flows the Kubernetes import infers from environment variables and ConfigMap values
// that name a Service (docs/import.md, "Inferred east-west flows").

#include "import/kubernetes/serviceaddress.h"
#include "import/kubernetesimporter.h"
#include "io/modelwriter.h"
#include "importfindings.h"
#include "testfiles.h"

#include <QTest>

#include <algorithm>
#include <set>
#include <tuple>

using namespace bulkhead;
using test::describe;
using test::hasFinding;

namespace {

Result<ImportResult> importShop()
{
    return importKubernetes({test::dataPath(QStringLiteral("import/k8s/eastwest-shop.yaml")).toStdString()});
}

std::string nameOf(const ThreatModel &model, const std::string &id)
{
    const Element *element = model.findElement(id);
    return element ? element->name : id;
}

std::string textProperty(const Flow &flow, const std::string &name)
{
    const auto it = flow.properties.find(name);
    return it == flow.properties.end() ? std::string("(not set)") : std::get<std::string>(it->second);
}

const Flow *flowBetween(const ThreatModel &model, const std::string &source, const std::string &target)
{
    for (const Flow &flow : model.flows())
        if (nameOf(model, flow.source) == source && nameOf(model, flow.target) == target)
            return &flow;
    return nullptr;
}

using FlowRow = std::tuple<std::string, std::string, std::int64_t, std::string>;

} // namespace

class TestImportKubernetesFlows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyEastWestFlowOfTheShop()
    {
        const auto result = importShop();
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        std::set<FlowRow> actual;
        for (const Flow &flow : model.flows())
            actual.emplace(nameOf(model, flow.source), nameOf(model, flow.target), std::get<std::int64_t>(flow.properties.at("port")),
                           textProperty(flow, "protocol"));
        const std::set<FlowRow> expected{
            {"frontend", "productcatalogservice", 3550, "grpc"},
            {"frontend", "currencyservice", 7000, "grpc"}, // from ConfigMap shop-addresses
            {"frontend", "cartservice", 7070, "grpc"},
            {"frontend", "recommendationservice", 8080, "grpc"},
            {"frontend", "shippingservice", 50051, "grpc"},
            {"frontend", "checkoutservice", 5050, "grpc"},
            {"frontend", "adservice", 9555, "grpcTls"},
            {"checkoutservice", "productcatalogservice", 3550, "grpc"},
            {"checkoutservice", "shippingservice", 50051, "grpc"},   // name.ns
            {"checkoutservice", "paymentservice", 50051, "grpc"},    // name.ns.svc.cluster.local
            {"checkoutservice", "emailservice", 8080, "grpc"},       // envFrom, name.ns.svc, target port
            {"checkoutservice", "currencyservice", 7000, "grpc"},
            {"checkoutservice", "cartservice", 7070, "grpc"},        // two variables, one flow
            {"checkoutservice", "orders-db", 5432, "postgres"},      // URL without a port
            {"cartservice", "redis-cart", 6379, "redis"},
            {"recommendationservice", "productcatalogservice", 3550, "grpc"},
            {"loadgenerator", "frontend", 8080, "http"},             // Service port 80 → target port
        };
        QCOMPARE(actual, expected);
        QCOMPARE(model.flows().size(), expected.size());
        for (const Flow &flow : model.flows()) {
            QCOMPARE(flow.initiator, FlowInitiator::Source);
            QCOMPARE(textProperty(flow, "transport"), std::string("network"));
        }
    }

    void encryptionFromSchemeAndProtocol()
    {
        const auto result = importShop();
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        const Flow *ads = flowBetween(model, "frontend", "adservice");
        const Flow *payment = flowBetween(model, "checkoutservice", "paymentservice");
        const Flow *redis = flowBetween(model, "cartservice", "redis-cart");
        const Flow *orders = flowBetween(model, "checkoutservice", "orders-db");
        QVERIFY(ads && payment && redis && orders);
        QCOMPARE(textProperty(*ads, "encrypted"), std::string("yes"));     // grpcs://
        QCOMPARE(textProperty(*payment, "encrypted"), std::string("no"));  // plain gRPC port
        QCOMPARE(textProperty(*redis, "encrypted"), std::string("no"));    // redis://
        QCOMPARE(textProperty(*orders, "encrypted"), std::string("no")); // postgres://…?sslmode=disable
    }

    void evidenceInNotesAndReport()
    {
        const auto result = importShop();
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        const auto &report = result->report;
        const Flow *payment = flowBetween(model, "checkoutservice", "paymentservice");
        QVERIFY(payment);
        QVERIFY2(textProperty(*payment, "notes").find("Inferred: env PAYMENT_SERVICE_ADDR of checkoutservice names Service paymentservice of namespace payments (") != std::string::npos,
                 textProperty(*payment, "notes").c_str());
        QVERIFY(textProperty(*payment, "notes").find("eastwest-shop.yaml:114).") != std::string::npos);
        QVERIFY2(hasFinding(report.mapped, "eastwest-shop.yaml:114",
                            "env PAYMENT_SERVICE_ADDR of checkoutservice names Service paymentservice of namespace payments → flow to paymentservice 50051/tcp"),
                 describe(report.mapped).c_str());
        // Values from ConfigMaps name the key they came from, with its line.
        QVERIFY2(hasFinding(report.mapped, "eastwest-shop.yaml:46", "env CURRENCY_SERVICE_ADDR of frontend (from ConfigMap shop-addresses key currency (")
                     && hasFinding(report.mapped, "eastwest-shop.yaml:46", "eastwest-shop.yaml:9)) names Service currencyservice"),
                 describe(report.mapped).c_str());
        QVERIFY(hasFinding(report.mapped, "eastwest-shop.yaml:107", "env EMAIL_SERVICE_ADDR of checkoutservice (from ConfigMap checkout-config key EMAIL_SERVICE_ADDR ("));
        // Two variables naming cartservice: one flow, both reasons in its notes.
        const Flow *cart = flowBetween(model, "checkoutservice", "cartservice");
        QVERIFY(cart);
        QVERIFY(textProperty(*cart, "notes").find("env CART_SERVICE_ADDR of checkoutservice") != std::string::npos);
        QVERIFY(textProperty(*cart, "notes").find("env CART_SERVICE_HOST of checkoutservice") != std::string::npos);
    }

    void namesThatAreNoFlows()
    {
        const auto result = importShop();
        QVERIFY2(result, result.error().c_str());
        const ThreatModel &model = result->model;
        const auto &report = result->report;
        // An address-like value naming no Service is reported, without its value.
        QVERIFY2(hasFinding(report.skipped, "eastwest-shop.yaml:66", "env LEGACY_CART_ADDR of frontend looks like a service address, but no imported Service of namespace shop has that name"),
                 describe(report.skipped).c_str());
        // A Service whose selector matches no pods gives no flow.
        QVERIFY(hasFinding(report.skipped, "eastwest-shop.yaml:124", "env REPORTS_URL of checkoutservice names Service legacy-reports, which selects no imported pods"));
        // A Service name inside a longer value, or in a variable that is not an address, is nothing.
        for (const ImportFinding &f : report.mapped)
            QVERIFY2(f.text.find("BANNER_TEXT") == std::string::npos && f.text.find("THEME") == std::string::npos, f.text.c_str());
        // Secret-looking variables and ConfigMap keys are never read as addresses.
        QVERIFY(!flowBetween(model, "frontend", "redis-cart"));
        QVERIFY(!flowBetween(model, "checkoutservice", "adservice"));
        for (const auto *findings : {&report.mapped, &report.skipped})
            for (const ImportFinding &f : *findings)
                QVERIFY2(f.text.find("CART_ADMIN_PASSWORD") == std::string::npos && f.text.find("SIGNING_SECRET") == std::string::npos, f.text.c_str());
        // A Service naming the caller itself.
        QVERIFY(!flowBetween(model, "paymentservice", "paymentservice"));
        // Values are never copied: neither the unmatched name, the URL's user, path and other query
        // parameters, nor the banner. Only the recognised TLS parameter is shown: it is no secret.
        const std::string written = writeModelText(model) + formatImportReport(report);
        for (const char *value : {"cartservicex", "checkout@", "password=", "Query-Sentinel-7f3", "application_name", "shop&", "orders?", "visit cartservice-outlet", "/ingest"})
            QVERIFY2(written.find(value) == std::string::npos, value);
        const Flow *orders = flowBetween(model, "checkoutservice", "orders-db");
        QVERIFY(orders);
        QVERIFY2(textProperty(*orders, "notes").find("names Service orders-db, with sslmode=disable (TLS not enforced) (eastwest-shop.yaml:122).") != std::string::npos,
                 textProperty(*orders, "notes").c_str());
        QVERIFY2(hasFinding(report.mapped, "eastwest-shop.yaml:122", "env DATABASE_URL of checkoutservice names Service orders-db, with sslmode=disable (TLS not enforced) → flow to orders-db"),
                 describe(report.mapped).c_str());
    }

    void addressForms_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("addressVariable");
        QTest::addColumn<QString>("expected"); // "name|ns|port|scheme;…", empty for none
        QTest::newRow("name:port") << "cart:7070" << false << "cart||7070|";
        QTest::newRow("bare name, address variable") << "cart" << true << "cart|||";
        QTest::newRow("bare name, other variable") << "cart" << false << "";
        QTest::newRow("name.ns") << "cart.shop" << true << "cart|shop||";
        QTest::newRow("name.ns.svc") << "cart.shop.svc" << false << "cart|shop||";
        QTest::newRow("cluster.local") << "cart.shop.svc.cluster.local:7070" << false << "cart|shop|7070|";
        QTest::newRow("http URL") << "http://cart:8080/x" << false << "cart||8080|http";
        QTest::newRow("user in URL") << "postgres://user:pw@db/orders" << false << "db|||postgres";
        QTest::newRow("two brokers") << "kafka-0:9092, kafka-1:9092" << false << "kafka-0||9092|;kafka-1||9092|";
        QTest::newRow("outside host") << "api.stripe.com:443" << true << "";
        QTest::newRow("IP address") << "10.0.0.1:80" << true << "";
        QTest::newRow("localhost") << "localhost:6379" << true << "";
        QTest::newRow("sentence") << "visit cart today" << true << "";
        QTest::newRow("path") << "/var/run/cart" << true << "";
        QTest::newRow("number") << "8080" << true << "";
        QTest::newRow("bad port") << "cart:99999" << true << "";
    }

    void addressForms()
    {
        QFETCH(QString, value);
        QFETCH(bool, addressVariable);
        QFETCH(QString, expected);
        QStringList found;
        for (const kubernetes::ServiceAddress &a : kubernetes::serviceAddresses(value.toStdString(), addressVariable))
            found << QString::fromStdString(a.name + "|" + a.ns + "|" + (a.port ? std::to_string(*a.port) : "") + "|" + a.scheme);
        QCOMPARE(found.join(';'), expected);
    }

    void addressVariables()
    {
        QVERIFY(kubernetes::addressVariable("PAYMENT_SERVICE_ADDR"));
        QVERIFY(kubernetes::addressVariable("REDISCART_SERVICE_HOST"));
        QVERIFY(kubernetes::addressVariable("catalog_url"));
        QVERIFY(!kubernetes::addressVariable("OTEL_SERVICE_NAME"));
        QVERIFY(!kubernetes::addressVariable("GHOSTLY"));
    }
};

QTEST_GUILESS_MAIN(TestImportKubernetesFlows)
#include "tst_import_kubernetes_flows.moc"
