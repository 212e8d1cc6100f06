// A Service port's name is a hint about the protocol; where the image table says the product
// serves TLS on the port, the container's arguments and variables decide (docs/import.md,
// "Services, Ingresses and flows"; docs/catalog-format.md, "plainBy").

#include "catalog/catalog.h"
#include "import/kubernetesimporter.h"
#include "importfindings.h"
#include "testfiles.h"

#include <QTest>

using namespace bulkhead;
using test::describe;
using test::hasFinding;

namespace {

Result<ImportResult> importServed()
{
    return importKubernetes({test::dataPath(QStringLiteral("import/k8s/served-protocol.yaml")).toStdString()});
}

/** "protocol/encrypted" of the flow into the element named `target`, "(no flow)" without one. */
std::string flowInto(const ThreatModel &model, const std::string &target)
{
    for (const Element &element : model.elements()) {
        if (element.name != target)
            continue;
        for (const Flow &flow : model.flows()) {
            if (flow.target != element.id)
                continue;
            auto text = [&](const char *name) {
                const auto it = flow.properties.find(name);
                return it == flow.properties.end() ? std::string("(not set)") : propertyValueToDisplayString(it->second);
            };
            return text("protocol") + "/" + text("encrypted");
        }
    }
    return "(no flow)";
}

} // namespace

class TestImportKubernetesServed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tlsLeftOnWinsOverThePortName()
    {
        const auto result = importServed();
        QVERIFY2(result, result ? "" : result.error().c_str());
        QCOMPARE(flowInto(result->model, "tls-server"), std::string("https/yes"));
        QVERIFY2(hasFinding(result->report.mapped, "served-protocol.yaml:23",
                            "tls-server: quay.io/argoproj/argocd:v2.13.1 serves https on port 8080 unless --insecure or "
                            "ARGOCD_SERVER_INSECURE=true, and none is set: https (flows to port 8080 take it, whatever "
                            "the Service port's name says)"),
                 describe(result->report.mapped).c_str());
    }

    void argumentTurningTlsOffGivesPlainText()
    {
        const auto result = importServed();
        QVERIFY2(result, result ? "" : result.error().c_str());
        QCOMPARE(flowInto(result->model, "insecure-server"), std::string("http/no"));
        QVERIFY2(hasFinding(result->report.mapped, "", "insecure-server: quay.io/argoproj/argocd:v2.13.1 serves https on port 8080 "
                                                       "unless --insecure or ARGOCD_SERVER_INSECURE=true, and --insecure is set: http"),
                 describe(result->report.mapped).c_str());
    }

    /** A switch read from a ConfigMap outside the input cannot be judged: the port name stays. */
    void unreadableSwitchLeavesThePortName()
    {
        const auto result = importServed();
        QVERIFY2(result, result ? "" : result.error().c_str());
        QCOMPARE(flowInto(result->model, "unread-server"), std::string("http/no"));
        QVERIFY2(hasFinding(result->report.mapped, "", "unread-server: quay.io/argoproj/argocd:v2.13.1 serves https on port 8080 "
                                                       "unless --insecure or ARGOCD_SERVER_INSECURE=true; whether one is set is "
                                                       "not in the files"),
                 describe(result->report.mapped).c_str());
    }

    /** plainBy belongs to an encrypted port only. */
    void plainByOnAPlainPortIsALoadError()
    {
        const QByteArray json = R"({"format": "bulkhead-catalog", "formatVersion": 1, "id": "t", "images": [
            {"id": "x", "repositories": ["example/x"], "kind": "container",
             "ports": [{"port": 80, "protocol": "http", "plainBy": [{"argument": "--insecure"}]}]}]})";
        const auto loaded = readCatalogText(json.toStdString(), "images.json");
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().find("plainBy") != std::string::npos, loaded.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestImportKubernetesServed)
#include "tst_import_kubernetes_served.moc"
