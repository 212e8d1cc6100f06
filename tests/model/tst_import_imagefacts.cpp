// What the image table tells both importers beyond a role: the protocol an image speaks on its
// ports (so NET-13 sees HTTP on Kibana's 5601), a reverse proxy's serving ports (so RUN-19 leaves
// them alone) and an admin UI's login (so ORC-33 reaches containers), each with its report line.

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "import/composeimporter.h"
#include "import/kubernetesimporter.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <string>

using namespace bulkhead;

namespace {

std::string writeFile(const QTemporaryDir &dir, const char *name, const std::string &content)
{
    const std::string path = dir.filePath(QLatin1String(name)).toStdString();
    std::ofstream(path) << content;
    return path;
}

ImportResult composeOrFail(const std::string &yaml)
{
    QTemporaryDir dir;
    auto imported = importCompose({writeFile(dir, "compose.yml", yaml)}, {});
    if (!imported)
        qFatal("import failed: %s", imported.error().c_str());
    return std::move(*imported);
}

ImportResult kubernetesOrFail(const std::string &yaml)
{
    QTemporaryDir dir;
    auto imported = importKubernetes({writeFile(dir, "manifests.yaml", yaml)});
    if (!imported)
        qFatal("import failed: %s", imported.error().c_str());
    return std::move(*imported);
}

const Element *element(const ThreatModel &model, const std::string &id)
{
    for (const Element &e : model.elements())
        if (e.id == id)
            return &e;
    return nullptr;
}

std::string text(const PropertyMap &properties, const std::string &name)
{
    const auto it = properties.find(name);
    return it != properties.end() && std::holds_alternative<std::string>(it->second)
               ? std::get<std::string>(it->second)
               : "<unset>";
}

StringList list(const PropertyMap &properties, const std::string &name)
{
    const auto it = properties.find(name);
    return it != properties.end() && std::holds_alternative<StringList>(it->second)
               ? std::get<StringList>(it->second)
               : StringList{};
}

/** The protocol of the flow into `target` on `port`, or "<none>". */
std::string protocolInto(const ThreatModel &model, const std::string &target, std::int64_t port)
{
    for (const Flow &flow : model.flows()) {
        const auto p = flow.properties.find("port");
        if (flow.target == target && p != flow.properties.end()
            && std::get<std::int64_t>(p->second) == port)
            return text(flow.properties, "protocol");
    }
    return "<none>";
}

/** The report line of `findings` whose text contains `needle`, as "WHERE: TEXT", or "". */
std::string line(const std::vector<ImportFinding> &findings, const std::string &needle)
{
    for (const ImportFinding &finding : findings)
        if (finding.text.find(needle) != std::string::npos)
            return finding.where + ": " + finding.text;
    return {};
}

} // namespace

class TestImportImageFacts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void composePortsSpeakWhatTheImageSpeaks()
    {
        const ImportResult imported = composeOrFail("services:\n"
                                                    "  kibana:\n"
                                                    "    image: kibana:8.14.3\n"
                                                    "    ports:\n"
                                                    "      - \"5601:5601\"\n"
                                                    "  broker:\n"
                                                    "    image: rabbitmq:3.13-management\n"
                                                    "    ports:\n"
                                                    "      - \"15672:15672\"\n"
                                                    "  custom:\n"
                                                    "    image: example/custom:1\n"
                                                    "    ports:\n"
                                                    "      - \"5601:5601\"\n");
        QCOMPARE(protocolInto(imported.model, "kibana", 5601), std::string("http"));
        QCOMPARE(protocolInto(imported.model, "broker", 15672), std::string("http"));
        // An image the table does not know keeps the number's usual use.
        QCOMPARE(protocolInto(imported.model, "custom", 5601), std::string("tcp"));
        const std::string kibana = line(imported.report.mapped, "service kibana: container port");
        QVERIFY2(kibana.find("compose.yml:5") != std::string::npos, kibana.c_str());
        QVERIFY2(kibana.find("speaks http (image table: kibana:8.14.3)") != std::string::npos,
                 kibana.c_str());
        QVERIFY(line(imported.report.mapped, "service custom: container port").empty());
    }

    void kubernetesPortsSpeakWhatTheImageSpeaks()
    {
        const ImportResult imported = kubernetesOrFail("apiVersion: apps/v1\n"
                                                       "kind: Deployment\n"
                                                       "metadata: {name: broker, namespace: q}\n"
                                                       "spec:\n"
                                                       "  selector: {matchLabels: {app: broker}}\n"
                                                       "  template:\n"
                                                       "    metadata: {labels: {app: broker}}\n"
                                                       "    spec:\n"
                                                       "      containers:\n"
                                                       "        - name: rabbitmq\n"
                                                       "          image: rabbitmq:3.13-management\n"
                                                       "          ports: [{containerPort: 15672}]\n"
                                                       "---\n"
                                                       "apiVersion: v1\n"
                                                       "kind: Service\n"
                                                       "metadata: {name: broker, namespace: q}\n"
                                                       "spec:\n"
                                                       "  type: LoadBalancer\n"
                                                       "  selector: {app: broker}\n"
                                                       "  ports: [{port: 15672, targetPort: 15672}]\n");
        QCOMPARE(protocolInto(imported.model, "broker", 15672), std::string("http"));
        const std::string reported = line(imported.report.mapped, "port 15672/tcp speaks http");
        QVERIFY2(reported.find("manifests.yaml:10") != std::string::npos, reported.c_str());
        QVERIFY2(reported.find("image table: rabbitmq:3.13-management") != std::string::npos,
                 reported.c_str());
    }

    void aProxysServingPortsAreItsAgreedPorts()
    {
        const ImportResult imported = composeOrFail("services:\n"
                                                    "  proxy:\n"
                                                    "    image: traefik:v3.1\n"
                                                    "    command:\n"
                                                    "      - --api.insecure=true\n"
                                                    "      - --entrypoints.web.address=:80\n"
                                                    "      - --entrypoints.websecure.address=:443\n"
                                                    "    ports:\n"
                                                    "      - \"80:80\"\n"
                                                    "      - \"443:443\"\n"
                                                    "      - \"8080:8080\"\n"
                                                    "  db:\n"
                                                    "    image: postgres:16\n"
                                                    "    ports:\n"
                                                    "      - \"5432:5432\"\n");
        const Element *proxy = element(imported.model, "proxy");
        QVERIFY(proxy);
        // The insecure API on 8080 is not a serving port.
        QCOMPARE(list(proxy->properties, "requiredPorts"), (StringList{"80/tcp", "443/tcp"}));
        const std::string reported = line(imported.report.mapped, "container port 443/tcp is where");
        QVERIFY2(reported.find("compose.yml:10") != std::string::npos, reported.c_str());
        // Not a proxy: nothing is added.
        QVERIFY(list(element(imported.model, "db")->properties, "requiredPorts").empty());
        const AnalysisResult result = analyzeModel(imported.model, builtInCatalog());
        // The proxy's admin port is still outside its agreed ports, the database's port too.
        QVERIFY(result.findThreat("RUN-19@proxy"));
        QVERIFY(result.findThreat("RUN-19@db"));
    }

    void aProxyPublishingOnlyItsServingPortsIsNotAskedAboutThem()
    {
        const ImportResult imported = composeOrFail("services:\n"
                                                    "  proxy:\n"
                                                    "    image: nginx:1.27\n"
                                                    "    ports:\n"
                                                    "      - \"80:80\"\n"
                                                    "      - \"443:443\"\n");
        QCOMPARE(list(element(imported.model, "proxy")->properties, "requiredPorts"),
                 (StringList{"80/tcp", "443/tcp"}));
        QVERIFY(!analyzeModel(imported.model, builtInCatalog()).findThreat("RUN-19@proxy"));
    }

    void composeAdminUiLoginReachesTheContainer()
    {
        const ImportResult imported = composeOrFail("services:\n"
                                                    "  open:\n"
                                                    "    image: grafana/grafana:11.1.0\n"
                                                    "    environment:\n"
                                                    "      GF_AUTH_ANONYMOUS_ENABLED: \"true\"\n"
                                                    "      GF_SECURITY_ADMIN_PASSWORD: x\n"
                                                    "  closed:\n"
                                                    "    image: grafana/grafana:11.1.0\n"
                                                    "    environment:\n"
                                                    "      GF_SECURITY_ADMIN_PASSWORD: x\n");
        const Element *open = element(imported.model, "open");
        QCOMPARE(open->kind, std::string("container"));
        QCOMPARE(text(open->properties, "role"), std::string("managementUI"));
        QCOMPARE(text(open->properties, "authRequired"), std::string("no"));
        QCOMPARE(text(element(imported.model, "closed")->properties, "authRequired"),
                 std::string("yes"));
        const std::string reported = line(imported.report.mapped, "service open: grafana/grafana:11.1.0 by the image table");
        QVERIFY2(reported.find("role = managementUI") != std::string::npos, reported.c_str());
        const AnalysisResult result = analyzeModel(imported.model, builtInCatalog());
        const Threat *orc33 = result.findThreat("ORC-33@open");
        QVERIFY(orc33);
        QVERIFY(!orc33->needsConfirmation);
        QVERIFY(!result.findThreat("ORC-33@closed"));
    }

    void kubernetesDashboardWithSkipLoginLetsAnyoneIn()
    {
        auto dashboard = [](const char *arguments) {
            return std::string("apiVersion: apps/v1\n"
                               "kind: Deployment\n"
                               "metadata: {name: dashboard, namespace: ui}\n"
                               "spec:\n"
                               "  selector: {matchLabels: {app: dashboard}}\n"
                               "  template:\n"
                               "    metadata: {labels: {app: dashboard}}\n"
                               "    spec:\n"
                               "      containers:\n"
                               "        - name: dashboard\n"
                               "          image: kubernetesui/dashboard:v2.7.0\n"
                               "          args: ")
                   + arguments + "\n";
        };
        const ImportResult open = kubernetesOrFail(dashboard("[--enable-skip-login, --auto-generate-certificates]"));
        const Element *element = nullptr;
        for (const Element &e : open.model.elements())
            if (e.id == "dashboard")
                element = &e;
        QVERIFY(element);
        QCOMPARE(text(element->properties, "role"), std::string("managementUI"));
        QCOMPARE(text(element->properties, "authRequired"), std::string("no"));
        const std::string reported = line(open.report.mapped, "by the image table: ");
        QVERIFY2(reported.find("manifests.yaml:10") != std::string::npos, reported.c_str());
        QVERIFY2(reported.find("role = managementUI") != std::string::npos, reported.c_str());
        QVERIFY(analyzeModel(open.model, builtInCatalog()).findThreat("ORC-33@dashboard"));

        const ImportResult closed = kubernetesOrFail(dashboard("[--auto-generate-certificates]"));
        QVERIFY(!analyzeModel(closed.model, builtInCatalog()).findThreat("ORC-33@dashboard"));
    }
};

QTEST_GUILESS_MAIN(TestImportImageFacts)
#include "tst_import_imagefacts.moc"
