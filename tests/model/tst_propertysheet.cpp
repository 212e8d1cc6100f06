#include "catalog/catalog.h"
#include "catalog/propertysheet.h"
#include "core/threatmodel.h"
#include "testfiles.h"

#include <QTest>

#include <algorithm>
#include <map>
#include <optional>

using namespace bulkhead;

namespace {

Element element(const char *id, const char *kind, PropertyMap properties = {})
{
    Element e;
    e.id = id;
    e.kind = kind;
    e.name = std::string("Name of ") + id;
    e.properties = std::move(properties);
    return e;
}

/** tests/data/catalog/property-sheet.json alone: pumps, tanks, gauges and meters. */
Catalog testCatalog()
{
    const std::string path
        = test::dataPath(QStringLiteral("catalog/property-sheet.json")).toStdString();
    CatalogLoad load = loadCatalog({path}, false);
    if (!load.catalog)
        qFatal("%s", load.errors.empty() ? "no catalog" : load.errors.front().c_str());
    return std::move(*load.catalog);
}

std::vector<std::string> rowNames(const PropertySheet &sheet)
{
    std::vector<std::string> names;
    for (const SheetRow &row : sheet.rows())
        names.push_back(row.name);
    return names;
}

const SheetRow &row(const PropertySheet &sheet, const char *name)
{
    const SheetRow *found = sheet.findRow(name);
    if (!found)
        qFatal("no row %s", name);
    return *found;
}

/** "name: Label" per property of each "[kind]" block of the editor's label list. */
std::map<std::string, std::map<std::string, std::string>> shownLabels()
{
    const QByteArray text
        = test::readAll(test::dataPath(QStringLiteral("catalog/property-labels.txt")));
    std::map<std::string, std::map<std::string, std::string>> labels;
    std::string block;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith('[')) {
            block = line.mid(1, line.size() - 2).toStdString();
            continue;
        }
        const qsizetype colon = line.indexOf(": ");
        if (line.startsWith('#') || colon < 0)
            continue;
        const std::string name = line.left(colon).toStdString();
        labels[block][name] = line.mid(colon + 2).toStdString();
    }
    return labels;
}

} // namespace

class TestPropertySheet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void singleElementListsItsSchemaInCatalogOrder()
    {
        ThreatModel model;
        model.addElement(element("web", "container"));
        const Catalog &catalog = builtInCatalog();
        const PropertySheet sheet(catalog, model, {"web"});

        QCOMPARE(sheet.items().size(), std::size_t(1));
        QCOMPARE(sheet.items().front().name, std::string("Name of web"));
        QCOMPARE(sheet.items().front().type, ItemKind::Element);
        const auto *kind = catalog.findKind("container");
        std::vector<std::string> expected;
        for (const PropertySpec *spec : catalog.propertiesOf(*kind))
            expected.push_back(spec->name);
        QCOMPARE(rowNames(sheet), expected);

        QCOMPARE(row(sheet, "trustLevel").section, SheetSection::General);
        QCOMPARE(row(sheet, "privileged").section, SheetSection::Kind);
        const SheetRow &imageRef = row(sheet, "image.ref");
        QCOMPARE(imageRef.section, SheetSection::Prefix);
        QCOMPARE(imageRef.prefixTitle, std::string("Image"));
        // The catalog labels it (issue 17): the label replaces the readable name in full.
        QCOMPARE(imageRef.label, std::string("Image reference"));
        QCOMPARE(imageRef.fullLabel, std::string("Image reference"));
        QCOMPARE(row(sheet, "hostPID").label, std::string("Host PID"));
        QCOMPARE(row(sheet, "cpuLimit").label, std::string("CPU limit")); // from the catalog
        QVERIFY(!sheet.hasUnknownKind());
        QCOMPARE(sheet.shapeKey(), PropertySheet(catalog, model, {"web"}).shapeKey());
    }

    void unsetValuesShowTheDefaultAndSetOnesAreExplicit()
    {
        ThreatModel model;
        model.addElement(element("web", "container", {{"privileged", true}}));
        const PropertySheet sheet(builtInCatalog(), model, {"web"});

        const SheetRow &privileged = row(sheet, "privileged");
        const SheetRowState set = sheet.state(privileged);
        QCOMPARE(set.value, std::optional<PropertyValue>(true));
        QVERIFY(set.anyExplicit);
        QVERIFY(!set.mixed);
        QVERIFY(!set.showsDefault(privileged));
        QCOMPARE(set.defaultValue, std::optional<PropertyValue>(false));

        const SheetRow &readOnly = row(sheet, "readOnlyRootFilesystem");
        const SheetRowState unset = sheet.state(readOnly);
        QCOMPARE(unset.value, unset.defaultValue);
        QVERIFY(!unset.anyExplicit);
        QVERIFY(unset.showsDefault(readOnly));
        QVERIFY(!unset.defaultNote.empty());
        QVERIFY(unset.problem.empty());
    }

    void aStoredValueOutsideTheSchemaIsNamed()
    {
        ThreatModel model;
        model.addElement(element("web", "container", {{"runAsNonRoot", std::string("perhaps")}}));
        const PropertySheet sheet(builtInCatalog(), model, {"web"});
        const SheetRowState state = sheet.state(row(sheet, "runAsNonRoot"));
        QCOMPARE(state.value, std::optional<PropertyValue>(std::string("perhaps")));
        QVERIFY2(state.problem.find("expects yes, no or unknown") != std::string::npos,
                 state.problem.c_str());
    }

    void multiSelectionShowsMixedValues()
    {
        ThreatModel model;
        model.addElement(element("a", "container", {{"privileged", true}}));
        model.addElement(element("b", "container", {{"privileged", false}}));
        model.addElement(element("c", "container"));
        const PropertySheet sheet(builtInCatalog(), model, {"a", "b", "c"});
        QCOMPARE(sheet.items().size(), std::size_t(3));
        QCOMPARE(rowNames(sheet), rowNames(PropertySheet(builtInCatalog(), model, {"a"})));

        const SheetRowState privileged = sheet.state(row(sheet, "privileged"));
        QVERIFY(privileged.mixed);
        QVERIFY(!privileged.value);
        QVERIFY(privileged.anyExplicit);

        // b stores the default, c leaves it unset: the same value applies to both.
        const PropertySheet bc(builtInCatalog(), model, {"b", "c"});
        const SheetRowState same = bc.state(row(bc, "privileged"));
        QVERIFY(!same.mixed);
        QCOMPARE(same.value, std::optional<PropertyValue>(false));
        QVERIFY(same.anyExplicit);
        QVERIFY(!same.showsDefault(row(bc, "privileged")));
        // The shape follows the kinds and one-or-several, not the values.
        QCOMPARE(PropertySheet(builtInCatalog(), model, {"a", "b"}).shapeKey(), bc.shapeKey());
        QVERIFY(PropertySheet(builtInCatalog(), model, {"a"}).shapeKey() != bc.shapeKey());
    }

    void differentKindsShareOnlyMatchingProperties()
    {
        ThreatModel model;
        model.addElement(element("p", "pump", {{"flowRate", std::int64_t(40)}}));
        model.addElement(element("t", "tank"));
        const Catalog catalog = testCatalog();
        const PropertySheet sheet(catalog, model, {"p", "t"});

        // kmsKey is a string on pumps and a bool on tanks; the seal is the pump's own.
        QCOMPARE(rowNames(sheet),
                 (std::vector<std::string>{"flowRate", "mode", "valves", "notes"}));
        const SheetRow &flowRate = row(sheet, "flowRate");
        QCOMPARE(flowRate.spec.minimum, std::optional<std::int64_t>(5));
        QCOMPARE(flowRate.spec.maximum, std::optional<std::int64_t>(100));
        QCOMPARE(row(sheet, "mode").spec.values, (std::vector<std::string>{"slow", "fast"}));
        QCOMPARE(flowRate.section, SheetSection::Kind);

        // The pump's 40 against the tank's default 20; and the kinds' defaults differ.
        const SheetRowState rate = sheet.state(flowRate);
        QVERIFY(rate.mixed);
        QVERIFY(rate.defaultsDiffer);
        QCOMPARE(rate.defaultValue, std::optional<PropertyValue>(std::int64_t(10)));

        // Empty by default for both kinds, or not.
        QVERIFY(sheet.defaultIsEmpty("notes"));
        QVERIFY(!sheet.defaultIsEmpty("valves"));
        QVERIFY(!sheet.defaultIsEmpty("unit"));
        QCOMPARE(sheet.effectiveValue(1, "valves"),
                 std::optional<PropertyValue>(StringList{"main"}));
        QCOMPARE(sheet.effectiveValue(0, "flowRate"),
                 std::optional<PropertyValue>(std::int64_t(40)));
        QCOMPARE(sheet.effectiveValue(2, "flowRate"), std::optional<PropertyValue>());
    }

    void kindsWithDisjointSchemasShareNothing()
    {
        ThreatModel model;
        model.addElement(element("g", "gauge"));
        model.addElement(element("m", "meter"));
        const PropertySheet sheet(testCatalog(), model, {"g", "m"});
        QCOMPARE(sheet.items().size(), std::size_t(2));
        QVERIFY(sheet.rows().empty());

        // Enums without a value in common share nothing either (gauges read analog or digital).
        ThreatModel enums;
        enums.addElement(element("p", "pump"));
        enums.addElement(element("g", "gauge"));
        QVERIFY(PropertySheet(testCatalog(), enums, {"p", "g"}).rows().empty());
    }

    void elementsBoundariesAndFlowsShareTheirCommonProperties()
    {
        ThreatModel model;
        model.addElement(element("web", "container"));
        model.addElement(element("db", "database"));
        Boundary host;
        host.id = "host-1";
        host.kind = "host";
        model.addBoundary(host);
        Flow flow;
        flow.id = "f";
        flow.source = "web";
        flow.target = "db";
        model.addFlow(flow);
        const Catalog &catalog = builtInCatalog();

        const PropertySheet withBoundary(catalog, model, {"web", "host-1"});
        QCOMPARE(rowNames(withBoundary), (std::vector<std::string>{"tags", "notes"}));
        QCOMPARE(row(withBoundary, "tags").section, SheetSection::General);

        const PropertySheet withFlow(catalog, model, {"f", "web"});
        QCOMPARE(withFlow.items().front().type, ItemKind::Flow);
        QVERIFY(withFlow.findRow("notes"));
        QVERIFY(withFlow.findRow("dataClassification"));
        QVERIFY(!withFlow.findRow("protocol"));

        // Two kinds of element: their common properties, then those both kinds declare.
        const PropertySheet twoKinds(catalog, model, {"web", "db"});
        QCOMPARE(row(twoKinds, "inScope").section, SheetSection::General);
        QVERIFY(!twoKinds.findRow("privileged"));
        QVERIFY(!twoKinds.findRow("tls"));
    }

    void storedPropertiesOutsideTheCatalogAreRows()
    {
        ThreatModel model;
        model.addElement(element("web", "container", {{"zeta", std::string("z")}}));
        model.addElement(element("odd", "no-such-kind", {{"alpha", true}}));
        const Catalog &catalog = builtInCatalog();

        const PropertySheet one(catalog, model, {"web"});
        const SheetRow &zeta = row(one, "zeta");
        QVERIFY(!zeta.inCatalog());
        QCOMPARE(zeta.section, SheetSection::NotInCatalog);
        QCOMPARE(zeta.label, std::string("zeta"));
        QCOMPARE(one.rows().back().name, std::string("zeta"));
        QCOMPARE(one.state(zeta).value, std::optional<PropertyValue>(std::string("z")));
        QVERIFY(!one.state(zeta).showsDefault(zeta));
        QVERIFY(one.shapeKey().find("zeta") != std::string::npos);

        const PropertySheet both(catalog, model, {"web", "odd"});
        QVERIFY(both.hasUnknownKind());
        QCOMPARE(rowNames(both), (std::vector<std::string>{"alpha", "zeta"}));
        QVERIFY(both.state(row(both, "zeta")).mixed); // set on one, absent on the other

        // Ids that name nothing are left out.
        QVERIFY(PropertySheet(catalog, model, {"nothing"}).items().empty());
        QCOMPARE(PropertySheet(catalog, model, {}).shapeKey(), std::string("-"));
    }

    void wouldChangeComparesWithWhatApplies()
    {
        ThreatModel model;
        model.addElement(element("a", "container", {{"privileged", false}}));
        model.addElement(element("b", "container"));
        const PropertySheet sheet(builtInCatalog(), model, {"a", "b"});
        QVERIFY(!sheet.wouldChange("privileged", PropertyValue(false))); // the default anyway
        QVERIFY(sheet.wouldChange("privileged", PropertyValue(true)));
        QVERIFY(sheet.wouldChange("privileged", std::nullopt)); // a stores it
        QVERIFY(!sheet.wouldChange("hostPID", std::nullopt));
    }

    void labelsComeFromTheCatalogElseFromTheName()
    {
        ThreatModel model;
        model.addElement(element("p", "pump"));
        const PropertySheet sheet(testCatalog(), model, {"p"});
        QCOMPARE(row(sheet, "kmsKey").label, std::string("KMS key"));
        QCOMPARE(row(sheet, "kmsKey").fullLabel, std::string("KMS key"));
        QCOMPARE(row(sheet, "flowRate").label, std::string("Flow rate"));
        // Under its prefix's section a label stands alone; without one the rest of the name.
        QCOMPARE(row(sheet, "seal.tlsGrade").label, std::string("TLS grade"));
        QCOMPARE(row(sheet, "seal.tlsGrade").prefixTitle, std::string("Seal"));
        QCOMPARE(row(sheet, "seal.kind").label, std::string("Kind"));
        QCOMPARE(row(sheet, "seal.kind").fullLabel, std::string("Seal kind"));
    }

    void readableNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("readable");
        auto add = [](const char *name, const char *readable) {
            QTest::newRow(name) << QString::fromUtf8(name) << QString::fromUtf8(readable);
        };
        add("readOnlyRootFilesystem", "Read only root filesystem");
        add("hostPID", "Host PID");
        add("automountSAToken", "Automount SA token");
        add("cniL2Bridge", "Cni L2 bridge");
        add("image.ageDays", "Image age days");
        add("snake_case-and-dash", "Snake case and dash");
        add("HTTPServer", "HTTP server");
        add("x", "X");
        add("A", "A");
        add("..", "");
        add("", "");
    }

    void readableNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, readable);
        QCOMPARE(QString::fromStdString(readablePropertyName(name.toStdString())), readable);
    }

    void everyBuiltInLabelIsTheOneTheEditorShows()
    {
        // The editor's labels (pinned by tst_propertylabels) are the sheet's, kind by kind.
        const auto shown = shownLabels();
        const Catalog &catalog = builtInCatalog();
        QCOMPARE(shown.size(), catalog.elementKinds().size() + 1);
        ThreatModel model;
        for (const ElementKind &kind : catalog.elementKinds()) {
            if (kind.isBoundary()) {
                Boundary b;
                b.id = kind.id;
                b.kind = kind.id;
                model.addBoundary(b);
            } else {
                model.addElement(element(kind.id.c_str(), kind.id.c_str()));
            }
        }
        Flow flow;
        flow.id = "a-flow";
        model.addFlow(flow);
        std::size_t checked = 0;
        for (const auto &[id, labels] : shown) {
            const PropertySheet sheet(catalog, model, {id});
            QCOMPARE(sheet.rows().size(), labels.size() - std::size_t(std::count_if(
                labels.begin(), labels.end(),
                [](const auto &entry) { return entry.first.ends_with(" (list)"); })));
            for (const SheetRow &property : sheet.rows()) {
                const auto it = labels.find(property.name);
                QVERIFY2(it != labels.end(), (id + ": " + property.name).c_str());
                QCOMPARE(property.label, it->second);
                if (property.spec.type == PropertyType::StringList)
                    QCOMPARE(property.fullLabel, labels.at(property.name + " (list)"));
                ++checked;
            }
        }
        QVERIFY(checked > 400);
    }

    void anEmptyLabelIsRefusedWithAPlace()
    {
        const QString path = test::dataPath(QStringLiteral("catalog/bad/empty-label.json"));
        const auto result = readCatalogFile(path.toStdString());
        QVERIFY(!result);
        const QString message = QString::fromStdString(result.error());
        QVERIFY2(message.startsWith(path + QLatin1Char(':')), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral(
                     "elementKinds[0].properties[0].label: a property label must not be empty")),
                 qPrintable(message));
        QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestPropertySheet)
#include "tst_propertysheet.moc"
