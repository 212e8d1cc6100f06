#include "analysiscontroller.h"
#include "catalog/catalog.h"
#include "commands/setregisterentrycommand.h"
#include "document.h"
#include "uifixtures.h"
#include "panels/catalogbrowser.h"
#include "panels/defenseindepthpanel.h"
#include "panels/stridematrixview.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

#include <algorithm>
#include <memory>

using namespace bulkhead;

namespace {

/** A host with a privileged container in it, analysed live. */
struct Fixture
{
    Document document{builtInCatalog()};
    std::unique_ptr<AnalysisController> analysis;

    Fixture()
    {
        test::addPrivilegedContainerOnHost(document, "c1");
        analysis = std::make_unique<AnalysisController>(&document);
        analysis->setDelay(0);
        analysis->analyzeNow();
    }

    QUndoStack *stack() const { return document.undoStack(); }
};

int layerImplemented(const DefenseInDepthPanel &panel, DefenseLayer layer)
{
    for (const auto &l : panel.layers())
        if (l.layer == layer)
            return l.implemented;
    return -1;
}

/** Open threats of a subject with that primary STRIDE letter, straight from the result. */
QStringList openThreats(const AnalysisController &analysis, const std::string &subject, char letter)
{
    QStringList ids;
    for (const Threat &t : analysis.result().threats)
        if (t.subjectId == subject && t.isOpen() && !t.stride().empty() && t.stride().front() == letter)
            ids.append(QString::fromStdString(t.id()));
    return ids;
}

void screenshot(QWidget &widget, const char *name)
{
    const QByteArray dir = qgetenv("BULKHEAD_VIEW_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    const QString path = QString::fromLocal8Bit(dir) + QLatin1Char('/') + QLatin1String(name);
    widget.grab().save(path);
    // The same view in a dark palette, to check it stays readable.
    const QPalette light = widget.palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(45, 45, 48));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    dark.setColor(QPalette::Base, QColor(30, 30, 32));
    dark.setColor(QPalette::AlternateBase, QColor(50, 50, 54));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::Button, QColor(55, 55, 58));
    dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    dark.setColor(QPalette::Mid, QColor(90, 90, 95));
    dark.setColor(QPalette::Highlight, QColor(61, 142, 201));
    dark.setColor(QPalette::HighlightedText, QColor(255, 255, 255));
    dark.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    dark.setColor(QPalette::Link, QColor(110, 170, 255));
    widget.setPalette(dark);
    widget.grab().save(QString(path).replace(QStringLiteral(".png"), QStringLiteral("-dark.png")));
    widget.setPalette(light);
}

} // namespace

class TestAnalysisViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defenseLayersInReportOrder();
    void markImplementedIsOneUndoStep();
    void markImplementedRaisesImplementedCount();
    void markImplementedUnavailableWithoutProperty();
    void treeKeepsExpansionAndActivatesThreats();
    void strideMatrixCountsOpenThreats();
    void strideMatrixShadingFollowsRegister();
    void strideMatrixActivatesCells();
    void catalogBrowserListsAndFilters();
    void catalogBrowserShowsRuleText();
};

void TestAnalysisViews::defenseLayersInReportOrder()
{
    Fixture f;
    DefenseInDepthPanel panel(f.analysis.get());
    panel.resize(520, 720);
    panel.show();
    const auto layers = panel.layers();
    QCOMPARE(layers.size(), 8);
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(layers.at(i).layer, allDefenseLayers[i]);
        QCOMPARE(layers.at(i).title.toStdString(), std::string(defenseLayerTitle(allDefenseLayers[i])));
        QVERIFY(layers.at(i).implemented <= layers.at(i).recommended);
    }
    QVERIFY(layers.at(3).recommended > 0); // runtime
    QCOMPARE(panel.tree()->topLevelItemCount(), 8);
    QCOMPARE(panel.tree()->topLevelItem(3)->text(0), layers.at(3).title);
    QVERIFY(panel.mitigationItem(QStringLiteral("M-RUN-NO-PRIVILEGED")));
    QVERIFY(panel.linkedThreatCount(QStringLiteral("M-RUN-NO-PRIVILEGED")) > 0);
    QCOMPARE(panel.implementedThreatCount(QStringLiteral("M-RUN-NO-PRIVILEGED")), 0);
    screenshot(panel, "did.png");
}

void TestAnalysisViews::markImplementedIsOneUndoStep()
{
    Fixture f;
    DefenseInDepthPanel panel(f.analysis.get());
    panel.show();
    const QString id = QStringLiteral("M-RUN-NO-PRIVILEGED");
    QCOMPARE(panel.markableItemCount(id), 1);
    QVERIFY(panel.markUnavailableReason(id).isEmpty());
    const auto runtime = [&panel] { return panel.layers().at(3); };
    const auto before = runtime();
    QCOMPARE(before.layer, DefenseLayer::Runtime);
    QVERIFY(f.analysis->result().findThreat("RUN-01@c1"));

    // The button follows the selected mitigation.
    panel.tree()->setCurrentItem(panel.mitigationItem(id));
    auto *button = panel.findChild<QPushButton *>(QStringLiteral("markImplemented"));
    QVERIFY(button);
    QVERIFY(button->isEnabled());
    QCOMPARE(button->text(), QStringLiteral("Mark implemented on 1 item(s)"));

    const int steps = f.stack()->count();
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(f.stack()->count(), steps + 1);
    QCOMPARE(f.document.property(QStringLiteral("c1"), "privileged"),
             std::optional<PropertyValue>(false));
    // RUN-01 ("privileged") is the only threat linking the control, and with the control in
    // place it no longer fires: the control leaves the runtime layer's recommendations and the
    // layer's gap closes by one.
    QTRY_VERIFY(!f.analysis->result().findThreat("RUN-01@c1"));
    QTRY_COMPARE(runtime().recommended - runtime().implemented,
                 before.recommended - before.implemented - 1);
    QVERIFY(runtime().implemented >= before.implemented);
    QCOMPARE(panel.linkedThreatCount(id), 0);
    QVERIFY(!panel.mitigationItem(id));

    f.stack()->undo();
    QCOMPARE(f.stack()->count(), steps + 1);
    QCOMPARE(f.stack()->index(), steps);
    QCOMPARE(f.document.property(QStringLiteral("c1"), "privileged"),
             std::optional<PropertyValue>(true));
    QTRY_COMPARE(runtime().recommended, before.recommended);
    QCOMPARE(runtime().implemented, before.implemented);
    QCOMPARE(panel.markableItemCount(id), 1);
    f.stack()->redo();
    QTRY_VERIFY(!f.analysis->result().findThreat("RUN-01@c1"));
    f.stack()->undo();
    QTRY_VERIFY(f.analysis->result().findThreat("RUN-01@c1"));
}

void TestAnalysisViews::markImplementedRaisesImplementedCount()
{
    Fixture f;
    DefenseInDepthPanel panel(f.analysis.get());
    panel.show();
    // `prop in [..]` sets the list's first value; the threats it counters keep firing.
    const QString seccomp = QStringLiteral("M-RUN-SECCOMP-PROFILE");
    const int runtimeBefore = layerImplemented(panel, DefenseLayer::Runtime);
    QVERIFY(panel.linkedThreatCount(seccomp) > 0);
    QCOMPARE(panel.implementedThreatCount(seccomp), 0);
    QCOMPARE(panel.markableItemCount(seccomp), 1);
    QVERIFY(panel.markImplemented(seccomp));
    QCOMPARE(f.document.property(QStringLiteral("c1"), "seccompProfile"),
             std::optional<PropertyValue>(std::string("runtimeDefault")));
    QTRY_COMPARE(layerImplemented(panel, DefenseLayer::Runtime), runtimeBefore + 1);
    QCOMPARE(panel.implementedThreatCount(seccomp), panel.linkedThreatCount(seccomp));
    f.stack()->undo();
    QTRY_COMPARE(layerImplemented(panel, DefenseLayer::Runtime), runtimeBefore);

    // A tri-state property of the subject with a dotted name is still the subject's own.
    const QString nonRoot = QStringLiteral("M-IMG-NON-ROOT-USER");
    const int imageBefore = layerImplemented(panel, DefenseLayer::Image);
    QCOMPARE(panel.markableItemCount(nonRoot), 1);
    QVERIFY(panel.markImplemented(nonRoot));
    QCOMPARE(f.document.property(QStringLiteral("c1"), "image.nonRootUser"),
             std::optional<PropertyValue>(std::string("yes")));
    QTRY_COMPARE(layerImplemented(panel, DefenseLayer::Image), imageBefore + 1);
    f.stack()->undo();
    QCOMPARE(f.document.property(QStringLiteral("c1"), "image.nonRootUser"), std::nullopt);
}

void TestAnalysisViews::markImplementedUnavailableWithoutProperty()
{
    Fixture f;
    DefenseInDepthPanel panel(f.analysis.get());
    panel.show();
    const QString reason = QStringLiteral("No property of the model expresses this control");
    int unavailable = 0;
    for (const Mitigation &m : builtInCatalog().mitigations()) {
        const QString id = QString::fromStdString(m.id);
        if (panel.linkedThreatCount(id) == 0 || panel.implementedThreatCount(id) == panel.linkedThreatCount(id))
            continue;
        if (m.implementedWhen.empty()) {
            QCOMPARE(panel.markUnavailableReason(id), reason);
            QCOMPARE(panel.markableItemCount(id), 0);
            ++unavailable;
            const int steps = f.stack()->count();
            QVERIFY(!panel.markImplemented(id));
            QCOMPARE(f.stack()->count(), steps);

            panel.tree()->setCurrentItem(panel.mitigationItem(id));
            auto *button = panel.findChild<QPushButton *>(QStringLiteral("markImplemented"));
            QVERIFY(!button->isEnabled());
            QCOMPARE(button->toolTip(), reason);
        }
    }
    QVERIFY(unavailable > 0);
}

void TestAnalysisViews::treeKeepsExpansionAndActivatesThreats()
{
    Fixture f;
    DefenseInDepthPanel panel(f.analysis.get());
    panel.resize(520, 720);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QString id = QStringLiteral("M-RUN-NO-PRIVILEGED");
    QTreeWidgetItem *item = panel.mitigationItem(id);
    QVERIFY(item && !item->isExpanded());
    // One click lists the mitigation's threats.
    panel.tree()->scrollToItem(item);
    QTest::mouseClick(panel.tree()->viewport(), Qt::LeftButton, {},
                      panel.tree()->visualItemRect(item).center());
    QVERIFY(item->isExpanded());
    QVERIFY(item->childCount() > 0);
    const QString threatText = item->child(0)->text(0);
    QVERIFY(threatText.contains(QStringLiteral("@c1")));

    f.analysis->analyzeNow();
    item = panel.mitigationItem(id);
    QVERIFY(item && item->isExpanded());
    QVERIFY(item->parent()->isExpanded());

    QSignalSpy activated(&panel, &DefenseInDepthPanel::threatActivated);
    QTreeWidgetItem *threat = item->child(0);
    panel.tree()->scrollToItem(threat);
    // An item view takes a double click as the second press on the same index.
    const QPoint threatPoint = panel.tree()->visualItemRect(threat).center();
    QTest::mouseClick(panel.tree()->viewport(), Qt::LeftButton, {}, threatPoint);
    QTest::mouseDClick(panel.tree()->viewport(), Qt::LeftButton, {}, threatPoint);
    QCOMPARE(activated.count(), 1);
    const QString threatId = activated.at(0).at(0).toString();
    QVERIFY(threatId.endsWith(QStringLiteral("@c1")));
    QVERIFY(f.analysis->result().findThreat(threatId.toStdString()));
    QVERIFY(threatText.startsWith(threatId));
}

void TestAnalysisViews::strideMatrixCountsOpenThreats()
{
    Fixture f;
    StrideMatrixView view(f.analysis.get());
    view.resize(640, 240);
    view.show();
    QVERIFY(view.subjectIds().contains(QStringLiteral("c1")));
    const QStringList openE = openThreats(*f.analysis, "c1", 'E');
    QVERIFY(!openE.isEmpty());
    QCOMPARE(view.openCount(QStringLiteral("c1"), QLatin1Char('E')), int(openE.size()));
    int total = 0;
    for (const char c : std::string("STRIDE")) {
        const int n = int(openThreats(*f.analysis, "c1", c).size());
        QCOMPARE(view.openCount(QStringLiteral("c1"), QLatin1Char(c)), n);
        total += n;
    }
    QCOMPARE(view.openCount(QStringLiteral("c1"), QChar()), total);

    const QModelIndex cell = view.indexFor(QStringLiteral("c1"), QLatin1Char('E'));
    QCOMPARE(cell.column(), int(StrideMatrixView::FirstStrideColumn + 5));
    QCOMPARE(cell.data().toString(), QString::number(openE.size()));
    const QString tooltip = cell.data(Qt::ToolTipRole).toString();
    for (const QString &id : openE)
        QVERIFY2(tooltip.contains(id), qPrintable(tooltip));
    QVERIFY(view.cellColor(QStringLiteral("c1"), QLatin1Char('E')).isValid());
    QCOMPARE(view.model()->index(cell.row(), StrideMatrixView::NameColumn).data().toString(),
             QStringLiteral("Web"));
    QCOMPARE(view.model()->index(cell.row(), StrideMatrixView::KindColumn).data().toString(),
             QStringLiteral("Container"));

    // Sorting by a column puts the largest count first.
    view.sortByColumn(StrideMatrixView::TotalColumn, Qt::DescendingOrder);
    const QStringList order = view.subjectIds();
    for (int r = 1; r < order.size(); ++r)
        QVERIFY(view.openCount(order.at(r - 1), QChar()) >= view.openCount(order.at(r), QChar()));
    screenshot(view, "matrix.png");
}

void TestAnalysisViews::strideMatrixShadingFollowsRegister()
{
    Fixture f;
    StrideMatrixView view(f.analysis.get());
    view.show();
    const QString c1 = QStringLiteral("c1");
    const QChar e = QLatin1Char('E');
    const QColor before = view.cellColor(c1, e);
    const auto worst = view.worstSeverity(c1, e);
    QVERIFY(worst.has_value());
    const int openBefore = view.openCount(c1, e);

    // Accept every open E threat of the worst severity: the cell's shading must change.
    QStringList ids;
    for (const Threat &t : f.analysis->result().threats)
        if (t.subjectId == "c1" && t.isOpen() && t.stride().front() == 'E' && t.residualSeverity == *worst)
            ids.append(QString::fromStdString(t.id()));
    for (const QString &id : ids) {
        RegisterEntry entry;
        entry.threat = id.toStdString();
        entry.status = ThreatStatus::Accepted;
        entry.justification = "Test";
        f.stack()->push(new SetRegisterEntryCommand(&f.document, entry, QStringLiteral("Accept")));
    }
    QTRY_COMPARE(view.openCount(c1, e), openBefore - int(ids.size()));
    QCOMPARE(view.openCount(c1, e), int(openThreats(*f.analysis, "c1", 'E').size()));
    QVERIFY(view.cellColor(c1, e) != before);
    QVERIFY(!view.worstSeverity(c1, e) || *view.worstSeverity(c1, e) < *worst);
    QVERIFY(view.subjectIds().contains(c1)); // closed threats keep the row

    for (int i = 0; i < ids.size(); ++i)
        f.stack()->undo();
    QTRY_COMPARE(view.openCount(c1, e), openBefore);
    QCOMPARE(view.cellColor(c1, e), before);
}

void TestAnalysisViews::strideMatrixActivatesCells()
{
    Fixture f;
    StrideMatrixView view(f.analysis.get());
    view.resize(640, 240);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy activated(&view, &StrideMatrixView::subjectActivated);
    const QModelIndex cell = view.indexFor(QStringLiteral("c1"), QLatin1Char('E'));
    // An item view takes a double click as the second press on the same index.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(cell).center());
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(cell).center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("c1"));
    QCOMPARE(activated.at(0).at(1).value<QChar>(), QLatin1Char('E'));
}

void TestAnalysisViews::catalogBrowserListsAndFilters()
{
    const Catalog &catalog = builtInCatalog();
    CatalogBrowser browser(catalog);
    browser.show();
    QCOMPARE(browser.visibleThreatIds().size(), qsizetype(catalog.threats().size()));
    QCOMPARE(browser.visibleMitigationIds().size(), qsizetype(catalog.mitigations().size()));
    QCOMPARE(browser.threatTable()->model()->rowCount(), int(catalog.threats().size()));

    QTest::keyClicks(browser.searchField(), QStringLiteral("privileged"));
    const QStringList narrowed = browser.visibleThreatIds();
    QVERIFY(!narrowed.isEmpty());
    QVERIFY(narrowed.size() < qsizetype(catalog.threats().size()));
    QVERIFY(browser.visibleMitigationIds().contains(QStringLiteral("M-RUN-NO-PRIVILEGED")));

    // Every word must match.
    browser.setFilterText(QStringLiteral("privileged xyzzy-nothing"));
    QVERIFY(browser.visibleThreatIds().isEmpty());
    browser.setFilterText(QString());
    QCOMPARE(browser.visibleThreatIds().size(), qsizetype(catalog.threats().size()));
    browser.setFilterText(QStringLiteral("privileged"));
    QCOMPARE(browser.visibleThreatIds(), narrowed);
}

void TestAnalysisViews::catalogBrowserShowsRuleText()
{
    const Catalog &catalog = builtInCatalog();
    CatalogBrowser browser(catalog);
    browser.resize(1100, 680);
    browser.show();
    browser.setFilterText(QStringLiteral("privileged"));
    const QString first = browser.visibleThreatIds().constFirst();
    browser.threatTable()->selectRow(0);
    const ThreatRule *rule = catalog.findThreat(first.toStdString());
    QVERIFY(rule);
    const QString details = browser.threatDetailsText();
    QVERIFY2(details.contains(QString::fromStdString(rule->when)), qPrintable(details));
    QVERIFY(details.contains(QString::fromStdString(rule->title)));
    QVERIFY(!rule->mitigations.empty());
    QVERIFY(details.contains(QString::fromStdString(rule->mitigations.front().mitigation->title)));
    QVERIFY(!rule->references.empty());
    QVERIFY(details.contains(QString::fromStdString(referenceLabel(rule->references.front()))));
    screenshot(browser, "catalog.png");

    QVERIFY(browser.selectMitigation(QStringLiteral("M-RUN-NO-PRIVILEGED")));
    QCOMPARE(browser.tabs()->currentIndex(), 1);
    const QString mitigation = browser.mitigationDetailsText();
    QVERIFY2(mitigation.contains(QStringLiteral("privileged == false")), qPrintable(mitigation));
    for (const ThreatRule &t : catalog.threats())
        for (const MitigationLink &link : t.mitigations)
            if (link.id == "M-RUN-NO-PRIVILEGED")
                QVERIFY(mitigation.contains(QString::fromStdString(t.id)));
    screenshot(browser, "catalog-mitigation.png");

    QVERIFY(browser.selectThreat(QString::fromStdString(catalog.threats().back().id)));
    QCOMPARE(browser.tabs()->currentIndex(), 0);
    QVERIFY(browser.threatDetailsText().contains(QString::fromStdString(catalog.threats().back().when)));
}

QTEST_MAIN(TestAnalysisViews)

#include "tst_analysisviews.moc"
