// The property editor's sections: by the catalog's topic, collapsible, filtered by the search
// box, and a dock wide enough for an image reference.
#include "canvas/diagramscene.h"
#include "catalog/catalog.h"
#include "document.h"
#include "mainwindow.h"
#include "panels/propertyeditor.h"
#include "panels/propertysection.h"

#include <QLineEdit>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace bulkhead;

namespace {

const QString imageReference = QStringLiteral("registry.example.com/storefront/catalog-api:2.14.3");

Element element(const char *id, const char *kind, const char *name)
{
    Element e;
    e.id = id;
    e.kind = kind;
    e.name = name;
    e.boundary = "host-1";
    e.geometry = {100, 100, 120, 60};
    return e;
}

/** A Docker host with two containers, a database deployed as a container, and a flow. */
void fill(Document &document)
{
    Boundary host;
    host.id = "host-1";
    host.kind = "host";
    host.name = "Docker host";
    host.geometry = {0, 0, 900, 600};
    document.insertBoundary(0, host);
    Element web = element("web", "container", "Web");
    web.properties["image.ref"] = imageReference.toStdString();
    document.insertElement(0, web);
    document.insertElement(1, element("api", "container", "API"));
    Element pg = element("pg", "database", "Orders DB");
    pg.properties["deployedAs"] = std::string("container");
    document.insertElement(2, pg);
    Flow flow;
    flow.id = "flow-1";
    flow.name = "Requests";
    flow.source = "web";
    flow.target = "api";
    document.insertFlow(0, flow);
}

struct Fixture
{
    Document document{builtInCatalog()};
    std::unique_ptr<PropertyEditor> editor;

    Fixture()
    {
        fill(document);
        editor = std::make_unique<PropertyEditor>(&document);
        editor->resize(420, 800);
        editor->show();
    }

    /** The section holding the property's row, or nullptr. */
    PropertySection *sectionOf(const char *property) const
    {
        for (QWidget *w = editor->editorFor(QString::fromLatin1(property)); w; w = w->parentWidget()) {
            if (auto *section = qobject_cast<PropertySection *>(w))
                return section;
        }
        return nullptr;
    }
    PropertySection *section(const QString &title) const
    {
        for (PropertySection *s : editor->sections()) {
            if (s->title() == title)
                return s;
        }
        return nullptr;
    }
    bool rowShown(const char *property) const
    {
        QWidget *w = editor->editorFor(QString::fromLatin1(property));
        return w && w->isVisible();
    }
};

} // namespace

class TestPropertySections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsAreFiledByTheCatalogsTopic()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        f.editor->setSelection({QStringLiteral("web")});
        const std::pair<const char *, const char *> expected[] = {
            {"platform", "Identity"},        {"image.ref", "Image"},
            {"privileged", "Runtime security"}, {"hostNetwork", "Network"},
            {"publishedPorts", "Network"},   {"secretsInEnv", "Data"},
            {"notes", "Notes"},
        };
        for (const auto &[property, title] : expected) {
            PropertySection *section = f.sectionOf(property);
            QVERIFY2(section, property);
            QCOMPARE(section->title(), QString::fromLatin1(title));
        }
    }

    void aDeployedKindsTopicsFollowTheOwnUnderItsName()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        f.editor->setSelection({QStringLiteral("pg")});
        QCOMPARE(f.sectionOf("authRequired")->title(), QStringLiteral("Identity"));
        QCOMPARE(f.sectionOf("privileged")->title(), QStringLiteral("Container \u00b7 Runtime security"));
        QCOMPARE(f.sectionOf("image.ref")->title(), QStringLiteral("Container \u00b7 Image"));
        QStringList titles;
        for (const PropertySection *s : f.editor->sections())
            titles << s->title();
        QVERIFY2(titles.indexOf(QStringLiteral("Data")) < titles.indexOf(QStringLiteral("Container \u00b7 Image")),
                 qPrintable(titles.join(QStringLiteral(", "))));
        QCOMPARE(titles.last(), QStringLiteral("Notes"));
    }

    void aCollapsedSectionStaysCollapsedWhileTheSelectionChanges()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        f.editor->setSelection({QStringLiteral("web")});
        QVERIFY(f.rowShown("image.ref"));
        QTest::mouseClick(f.section(QStringLiteral("Image"))->header(), Qt::LeftButton);
        QVERIFY(f.section(QStringLiteral("Image"))->isCollapsed());
        QVERIFY(!f.rowShown("image.ref"));
        QVERIFY(f.rowShown("privileged"));

        // Another kind in between rebuilds the form; the section comes back closed.
        f.editor->setSelection({QStringLiteral("flow-1")});
        QVERIFY(f.rowShown("protocol"));
        f.editor->setSelection({QStringLiteral("api")});
        QVERIFY(f.section(QStringLiteral("Image"))->isCollapsed());
        QVERIFY(!f.rowShown("image.ref"));

        QTest::mouseClick(f.section(QStringLiteral("Image"))->header(), Qt::LeftButton);
        QVERIFY(f.rowShown("image.ref"));
        f.editor->setSelection({QStringLiteral("web")});
        QVERIFY(f.rowShown("image.ref"));
    }

    void theSearchBoxFiltersRowsByLabelOrKey()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.editor.get()));
        f.editor->setSelection({QStringLiteral("web")});
        QLineEdit *search = f.editor->searchField();
        QVERIFY(search);

        QTest::keyClicks(search, QStringLiteral("privil"));
        QVERIFY(f.rowShown("privileged"));
        QVERIFY(f.rowShown("allowPrivilegeEscalation"));
        QVERIFY(!f.rowShown("image.ref"));
        QVERIFY(!f.rowShown("runAsNonRoot"));
        QVERIFY(!f.section(QStringLiteral("Notes"))->isVisible()); // no match: the section goes

        // The key matches where the label does not ("Image reference").
        search->clear();
        QTest::keyClicks(search, QStringLiteral("image.ref"));
        QVERIFY(f.rowShown("image.ref"));
        QVERIFY(!f.rowShown("image.signed"));

        // A collapsed section opens while it holds a match, and closes again after.
        search->clear();
        QTest::mouseClick(f.section(QStringLiteral("Image"))->header(), Qt::LeftButton);
        QVERIFY(!f.rowShown("image.ref"));
        QTest::keyClicks(search, QStringLiteral("reference"));
        QVERIFY(f.rowShown("image.ref"));
        // The filter holds for the next selection too.
        f.editor->setSelection({QStringLiteral("api")});
        QVERIFY(f.rowShown("image.ref"));
        QVERIFY(!f.rowShown("privileged"));
        search->clear();
        QVERIFY(!f.rowShown("image.ref"));
        QVERIFY(f.rowShown("privileged"));
    }

    void theDockShowsAnImageReferenceWhole()
    {
        Document document(builtInCatalog());
        fill(document);
        MainWindow window(&document);
        window.resize(1400, 880); // the default size, whatever the settings hold
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.scene()->selectIds({QStringLiteral("web")});
        auto *field = qobject_cast<QLineEdit *>(window.propertyEditor()->editorFor(QStringLiteral("image.ref")));
        QVERIFY(field);
        QTRY_VERIFY(field->isVisible());
        QCOMPARE(field->text(), imageReference);
        const int needed = field->fontMetrics().horizontalAdvance(imageReference);
        const int shown = field->width() - 8; // its frame and margins
        QVERIFY2(shown >= needed, qPrintable(QStringLiteral("the field shows %1 px of %2").arg(shown).arg(needed)));
    }
};

QTEST_MAIN(TestPropertySections)
#include "tst_propertysections.moc"
