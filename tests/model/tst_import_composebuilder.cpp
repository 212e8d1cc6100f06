// The Compose import on the shared ImportModelBuilder: one id allocator for the services and
// everything the import adds, flows never merged, the host's own elements made alike.

#include "import/composeimporter.h"
#include "testfiles.h"

#include <QTest>

#include <algorithm>

using namespace bulkhead;

namespace {

ImportResult importOrFail(const char *relative)
{
    const std::string file =
        bulkhead::test::dataPath(QStringLiteral("import/compose/builder/") + QLatin1String(relative)).toStdString();
    auto imported = importCompose({file}, {});
    if (!imported)
        qFatal("import failed: %s", imported.error().c_str());
    return std::move(*imported);
}

std::vector<std::string> flowIds(const ThreatModel &model, const std::string &source, const std::string &target)
{
    std::vector<std::string> ids;
    for (const Flow &flow : model.flows())
        if (flow.source == source && flow.target == target)
            ids.push_back(flow.id);
    return ids;
}

std::string product(const Element &element)
{
    const auto it = element.properties.find("product");
    return it != element.properties.end() && std::holds_alternative<std::string>(it->second)
               ? std::get<std::string>(it->second)
               : "<unset>";
}

} // namespace

class TestImportComposeBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servicesAndAddedObjectsShareOneIdAllocator()
    {
        // The services' ids come first; the host and engine the import adds must not reuse them.
        const ThreatModel model = importOrFail("service-named-like-the-host.yml").model;
        QVERIFY(model.findElement("docker-host"));
        QCOMPARE(model.findElement("docker-host")->kind, std::string("container"));
        QVERIFY(model.findElement("docker-engine"));
        QCOMPARE(model.findElement("docker-engine")->kind, std::string("container"));
        const Boundary *host = model.findBoundary("docker-host-2");
        QVERIFY(host);
        QCOMPARE(host->kind, std::string("host"));
        const Element *engine = model.findElement("docker-engine-2");
        QVERIFY(engine);
        QCOMPARE(engine->kind, std::string("container-runtime"));
        QCOMPARE(engine->name, std::string("Docker Engine"));
        QCOMPARE(engine->boundary, host->id);
        QCOMPARE(product(*engine), std::string("dockerd"));
        for (const Element &element : model.elements())
            QCOMPARE(std::count_if(model.elements().begin(), model.elements().end(),
                                   [&](const Element &other) { return other.id == element.id; }),
                     std::ptrdiff_t(1));
    }

    void flowsWithTheSameEndsAreNeverMerged()
    {
        const ThreatModel model = importOrFail("repeated-flows.yml").model;
        QCOMPARE(flowIds(model, "web", "volume-data"),
                 (std::vector<std::string>{"web-to-volume-data", "web-to-volume-data-2"}));
        QCOMPARE(flowIds(model, "compose-secrets", "web"),
                 (std::vector<std::string>{"compose-secrets-to-web", "compose-secrets-to-web-2"}));
    }

    void secretsStoreSitsOnTheHostLikeTheEngine()
    {
        const ThreatModel model = importOrFail("repeated-flows.yml").model;
        const Element *store = model.findElement("compose-secrets");
        const Element *engine = model.findElement("docker-engine");
        QVERIFY(store && engine);
        QCOMPARE(store->kind, std::string("secrets-store"));
        QCOMPARE(store->name, std::string("Compose secrets"));
        QCOMPARE(store->boundary, std::string("docker-host"));
        QCOMPARE(engine->boundary, std::string("docker-host"));
        QCOMPARE(product(*store), std::string("other"));
        const auto notes = store->properties.find("notes");
        QVERIFY(notes != store->properties.end());
        QCOMPARE(std::get<std::string>(notes->second), std::string("Secrets: token (external), key (external)."));
    }
};

QTEST_GUILESS_MAIN(TestImportComposeBuilder)
#include "tst_import_composebuilder.moc"
