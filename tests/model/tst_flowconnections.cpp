// Who opens a flow's connection and how its data travels: the file format keeps both, old files
// gain them where the model makes them certain, exposure follows connections rather than the
// drawn arrow, and the importers set both.

#include "analysis/modelindex.h"
#include "catalog/catalog.h"
#include "import/composeimporter.h"
#include "import/kubernetesimporter.h"
#include "io/modelreader.h"
#include "io/modelwriter.h"
#include "testfiles.h"

#include <QTest>

#include <algorithm>

using namespace bulkhead;

namespace {

const Flow &flow(const ThreatModel &model, const std::string &id)
{
    const Flow *found = model.findFlow(id);
    if (!found)
        qFatal("no flow %s", id.c_str());
    return *found;
}

std::string transportOf(const Flow &f)
{
    const auto it = f.properties.find("transport");
    return it == f.properties.end() ? std::string("network") : std::get<std::string>(it->second);
}

/** A registry on the internet that a node's runtime pulls from, and a visitor to an ingress. */
ThreatModel pullAndVisit(FlowInitiator pullOpenedBy)
{
    ThreatModel model;
    model.addBoundary({"internet", "internet", "Internet", "", {}, {}});
    model.addBoundary({"node", "host", "Node", "", {}, {}});
    model.addElement({"hub", "registry", "Hub", "internet", {}, {}});
    model.addElement({"user", "external-user", "Visitor", "internet", {}, {}});
    model.addElement({"runtime", "container-runtime", "containerd", "node", {}, {}});
    model.addElement({"edge", "ingress", "Edge", "node", {}, {}});
    Flow pull{"pull", "Image pull", "hub", "runtime", false, {}, {}};
    pull.initiator = pullOpenedBy;
    model.addFlow(std::move(pull));
    model.addFlow(Flow{"visit", "Pages", "user", "edge", false, {}, {}});
    return model;
}

bool reachableFromInternet(const ThreatModel &model, const std::string &elementId)
{
    const ModelIndex index(model, builtInCatalog());
    const auto &elements = model.elements();
    const auto it = std::find_if(elements.begin(), elements.end(),
                                 [&](const Element &e) { return e.id == elementId; });
    return index.elements[static_cast<std::size_t>(it - elements.begin())].reachableFromInternet;
}

} // namespace

class TestFlowConnections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initiatorRoundTrips()
    {
        ThreatModel model = pullAndVisit(FlowInitiator::Target);
        const std::string text = writeModelText(model);
        QVERIFY(text.find("\"initiator\": \"target\"") != std::string::npos);
        QVERIFY(text.find("\"initiator\": \"source\"") != std::string::npos);
        const auto read = readModelText(text, "written");
        QVERIFY2(read, read.error().c_str());
        QCOMPARE(read->sourceFormatVersion, 3);
        QVERIFY(read->model == model);
        QVERIFY(flow(read->model, "pull").initiator == FlowInitiator::Target);
    }

    void migrationInfersOnlyCertainFacts()
    {
        const auto loaded = readModelFile(
            test::dataPath(QStringLiteral("io/flows-v1.bulkhead.json")).toStdString());
        QVERIFY2(loaded, loaded.error().c_str());
        QCOMPARE(loaded->sourceFormatVersion, 1);
        QCOMPARE(loaded->migrationNotes.size(), std::size_t(2)); // 1 → 2, then 2 → 3
        const ThreatModel &model = loaded->model;
        // Data out of a store into its reader: the reader opened the connection.
        QVERIFY(flow(model, "pull").initiator == FlowInitiator::Target);
        QVERIFY(flow(model, "rows").initiator == FlowInitiator::Target);
        // Everything else keeps the drawn direction.
        QVERIFY(flow(model, "visit").initiator == FlowInitiator::Source);
        QVERIFY(flow(model, "query").initiator == FlowInitiator::Source);
        QVERIFY(flow(model, "mount").initiator == FlowInitiator::Source);
        // A volume is files, not a network; nothing else is known.
        QCOMPARE(transportOf(flow(model, "mount")), std::string("sharedVolume"));
        QVERIFY(flow(model, "pull").properties.count("transport") == 0);
        QVERIFY(flow(model, "query").properties.count("transport") == 0);
    }

    void unknownInitiatorIsOneError()
    {
        const auto read = readModelText(
            "{\"format\": \"bulkhead-threat-model\", \"formatVersion\": 2,\n"
            " \"elements\": [{\"id\": \"a\", \"kind\": \"container\"},"
            " {\"id\": \"b\", \"kind\": \"database\"}],\n"
            " \"flows\": [{\"id\": \"f\", \"source\": \"a\", \"target\": \"b\","
            " \"initiator\": \"server\"}]}",
            "bad.json");
        QVERIFY(!read);
        QCOMPARE(read.error(), std::string("bad.json:3:67: flows[0].initiator: unknown initiator "
                                           "\"server\" (expected source or target)"));
    }

    void exposureFollowsTheConnection()
    {
        // The pull is data from the internet on a connection the runtime opened.
        QVERIFY(!reachableFromInternet(pullAndVisit(FlowInitiator::Target), "runtime"));
        // The same arrow opened by the registry would expose the runtime.
        QVERIFY(reachableFromInternet(pullAndVisit(FlowInitiator::Source), "runtime"));
        // The visitor opens the connection to the edge.
        QVERIFY(reachableFromInternet(pullAndVisit(FlowInitiator::Target), "edge"));
        // A visitor drawn as the data's target still opens the connection.
        ThreatModel reversed = pullAndVisit(FlowInitiator::Target);
        reversed.removeFlow("visit");
        Flow pages{"visit", "Pages", "edge", "user", false, {}, {}};
        pages.initiator = FlowInitiator::Target;
        reversed.addFlow(std::move(pages));
        QVERIFY(reachableFromInternet(reversed, "edge"));
        QVERIFY(!reachableFromInternet(reversed, "user"));
    }

    void composeImportSetsTransportAndInitiator()
    {
        auto imported = importCompose(
            {test::dataPath(QStringLiteral("import/compose/web-stack/compose.yml")).toStdString()},
            {});
        QVERIFY2(imported, imported.error().c_str());
        const ThreatModel &model = imported->model;
        int sockets = 0;
        int mounts = 0;
        int secrets = 0;
        int ports = 0;
        for (const Flow &f : model.flows()) {
            const Element *source = model.findElement(f.source);
            const Element *target = model.findElement(f.target);
            QVERIFY(source && target);
            if (target->kind == "container-runtime") {
                ++sockets;
                QCOMPARE(transportOf(f), std::string("unixSocket"));
            } else if (target->kind == "volume") {
                ++mounts;
                QCOMPARE(transportOf(f), std::string("sharedVolume"));
                QVERIFY(f.initiator == FlowInitiator::Source);
            } else if (source->kind == "secrets-store") {
                ++secrets;
                QCOMPARE(transportOf(f), std::string("sharedVolume"));
                QVERIFY(f.initiator == FlowInitiator::Target);
            } else {
                ++ports;
                QCOMPARE(transportOf(f), std::string("network"));
                QVERIFY(f.initiator == FlowInitiator::Source);
            }
        }
        QVERIFY(sockets > 0);
        QVERIFY(mounts > 0);
        QVERIFY(secrets > 0);
        QVERIFY(ports > 0);
    }

    void kubernetesImportSetsInitiator()
    {
        auto imported = importKubernetes(
            {test::dataPath(QStringLiteral("import/k8s/secrets.yaml")).toStdString(),
             test::dataPath(QStringLiteral("import/k8s/ingress.yaml")).toStdString()});
        QVERIFY2(imported, imported.error().c_str());
        const ThreatModel &model = imported->model;
        int delivered = 0;
        int requests = 0;
        for (const Flow &f : model.flows()) {
            const Element *source = model.findElement(f.source);
            QVERIFY(source);
            if (source->kind == "secrets-store") {
                ++delivered; // fetched by the pod's kubelet: the store opens nothing
                QVERIFY(f.initiator == FlowInitiator::Target);
            } else {
                ++requests; // clients and the ingress open their connections
                QVERIFY(f.initiator == FlowInitiator::Source);
            }
        }
        QVERIFY(delivered > 0);
        QVERIFY(requests > 0);
    }
};

QTEST_GUILESS_MAIN(TestFlowConnections)
#include "tst_flowconnections.moc"
