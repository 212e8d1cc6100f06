#include "analysiscontroller.h"
#include "catalog/catalog.h"
#include "commands/setregisterentrycommand.h"
#include "document.h"
#include "uifixtures.h"
#include "panels/catalogbrowser.h"
#include "panels/defenseindepthpanel.h"
#include "panels/stridematrixview.h"
#include "report/analysisexport.h"
#include "report/htmlreport.h"
#include "report/markdownreport.h"
#include "report/reportmodel.h"
#include "testfiles.h"

#include <QDesktopServices>
#include <QDir>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QSignalSpy>
#include <QTextBrowser>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

#include <algorithm>
#include <memory>
#include <set>
#include <sstream>

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

/** Open threats of a subject that carry the STRIDE letter, straight from the result. */
QStringList openThreats(const AnalysisController &analysis, const std::string &subject, char letter)
{
    QStringList ids;
    for (const Threat &t : analysis.result().threats)
        if (t.subjectId == subject && t.isOpen() && t.stride().find(letter) != std::string::npos)
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

/** Stands in for the desktop: records every address it is asked to open. */
class UrlRecorder : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public Q_SLOTS:
    void open(const QUrl &url) { opened.append(url); }
};

class TestAnalysisViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defenseLayersInReportOrder();
    void markImplementedIsOneUndoStep();
    void markImplementedRaisesImplementedCount();
    void markImplementedUnavailableWithoutProperty();
    void treeKeepsExpansionAndActivatesThreats();
    void barsSitBesideTheTreeInAWidePanelAndAboveItInATallOne();
    void strideMatrixCountsOpenThreats();
    void editorAndReportsShowTheSameFigures_data();
    void editorAndReportsShowTheSameFigures();
    void strideMatrixShadingFollowsRegister();
    void strideMatrixActivatesCells();
    void catalogBrowserListsAndFilters();
    void catalogBrowserShowsRuleText();
    void catalogBrowserOpensOnlyWebLinks();
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
    // Every control a property can show has a check; the cluster's threats (ORC-02…) recommend
    // a process control, M-MON-ALERT-ON-CONTROL-CHANGES, which no property expresses.
    Boundary cluster;
    cluster.id = "cluster-1";
    cluster.kind = "cluster";
    cluster.name = "Cluster";
    cluster.geometry = {900, 0, 300, 200};
    f.document.insertBoundary(0, cluster);
    f.analysis->analyzeNow();
    DefenseInDepthPanel panel(f.analysis.get());
    panel.show();
    const QString reason = QStringLiteral("No property of the model expresses this control");
    // A threat may give a control without a check of its own a check of the threat's.
    std::set<std::string> checkedByAThreat;
    for (const ThreatRule &rule : builtInCatalog().threats())
        for (const MitigationLink &link : rule.mitigations)
            if (!link.implementedWhenOverride.empty())
                checkedByAThreat.insert(link.id);
    int unavailable = 0;
    for (const Mitigation &m : builtInCatalog().mitigations()) {
        const QString id = QString::fromStdString(m.id);
        if (panel.linkedThreatCount(id) == 0 || panel.implementedThreatCount(id) == panel.linkedThreatCount(id))
            continue;
        if (m.implementedWhen.empty() && !checkedByAThreat.count(m.id)) {
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

void TestAnalysisViews::barsSitBesideTheTreeInAWidePanelAndAboveItInATallOne()
{
    Fixture f;
    DefenseInDepthPanel panel(f.analysis.get());
    panel.resize(1100, 260); // a bottom dock
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCOMPARE(panel.splitter()->orientation(), Qt::Horizontal);
    QVERIFY(panel.tree()->viewport()->width() > panel.width() / 2);

    panel.resize(420, 720); // a side dock
    QTRY_COMPARE(panel.splitter()->orientation(), Qt::Vertical);
    QTRY_VERIFY(panel.tree()->viewport()->width() > panel.width() * 3 / 4);
    QVERIFY(panel.tree()->viewport()->height() > panel.height() / 3);
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
    int cells = 0;
    for (const char c : std::string("STRIDE")) {
        const int n = int(openThreats(*f.analysis, "c1", c).size());
        QCOMPARE(view.openCount(QStringLiteral("c1"), QLatin1Char(c)), n);
        cells += n;
    }
    // The total counts each threat once; a threat with two letters sits in two cells.
    int total = 0;
    int letters = 0;
    for (const Threat &t : f.analysis->result().threats) {
        if (t.subjectId == "c1" && t.isOpen()) {
            ++total;
            letters += int(t.stride().size());
        }
    }
    QCOMPARE(view.openCount(QStringLiteral("c1"), QChar()), total);
    QCOMPARE(cells, letters);
    QVERIFY(cells > total);

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

void TestAnalysisViews::editorAndReportsShowTheSameFigures_data()
{
    QTest::addColumn<QString>("example");
    const QDir dir(test::sourcePath(QStringLiteral("examples")));
    for (const QString &name : dir.entryList({QStringLiteral("*.bulkhead.json")}))
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void TestAnalysisViews::editorAndReportsShowTheSameFigures()
{
    QFETCH(QString, example);
    Document document{builtInCatalog()};
    QString error;
    QVERIFY2(document.load(example, &error), qPrintable(error));
    AnalysisController analysis(&document);
    analysis.setDelay(0);
    analysis.analyzeNow();
    StrideMatrixView matrix(&analysis);
    DefenseInDepthPanel panel(&analysis);
    panel.show();

    const ThreatModel &model = document.model();
    const ReportData report = buildReport(model, document.catalog(), analysis.result(), {}, "2026-01-01");
    const QJsonObject json = QJsonDocument::fromJson(
        QByteArray::fromStdString(analysisToJson(analysis.result(), model, document.catalog()))).object();
    std::ostringstream markdown;
    writeMarkdownReport(markdown, report);
    std::ostringstream html;
    writeHtmlReport(html, report, std::string());

    // STRIDE per element: the same rows, in model order, with the same cells.
    const QJsonArray jsonRows = json.value(QStringLiteral("strideMatrix")).toArray();
    QCOMPARE(matrix.subjectIds().size(), qsizetype(report.matrix.size()));
    QCOMPARE(jsonRows.size(), qsizetype(report.matrix.size()));
    QVERIFY(!report.matrix.empty());
    int multiLetterCells = 0;
    for (std::size_t r = 0; r < report.matrix.size(); ++r) {
        const MatrixRow &row = report.matrix[r];
        const QString id = QString::fromStdString(row.subjectId);
        const QJsonObject jsonRow = jsonRows.at(qsizetype(r)).toObject();
        QCOMPARE(matrix.subjectIds().at(qsizetype(r)), id);
        QCOMPARE(jsonRow.value(QStringLiteral("subject")).toString(), id);
        for (std::size_t c = 0; c < strideLetters.size(); ++c) {
            const char letter = strideLetters[c];
            const int open = row.letters[c].open;
            QCOMPARE(matrix.openCount(id, QLatin1Char(letter)), open);
            const QJsonObject cell = jsonRow.value(QStringLiteral("cells")).toObject().value(QString(QLatin1Char(letter))).toObject();
            QCOMPARE(cell.value(QStringLiteral("open")).toInt(), open);
            QCOMPARE(cell.value(QStringLiteral("primary")).toInt(), row.letters[c].primary);
            QCOMPARE(matrix.worstSeverity(id, QLatin1Char(letter)), row.letters[c].worst);
            // Bold in the editor exactly where the reports mark a primary letter.
            const QFont font = matrix.indexFor(id, QLatin1Char(letter)).data(Qt::FontRole).value<QFont>();
            QCOMPARE(font.bold(), row.letters[c].primary > 0);
            multiLetterCells += open > row.letters[c].primary ? 1 : 0;
        }
        QCOMPARE(matrix.openCount(id, QChar()), row.total.open);
        QCOMPARE(jsonRow.value(QStringLiteral("total")).toObject().value(QStringLiteral("open")).toInt(), row.total.open);
    }
    QVERIFY2(multiLetterCells > 0, "no threat with a second letter: the test would not tell the semantics apart");

    // Defense in depth: per layer and per mitigation.
    const auto layers = panel.layers();
    const QJsonArray jsonLayers = json.value(QStringLiteral("defenseInDepth")).toArray();
    QCOMPARE(layers.size(), qsizetype(report.layers.size()));
    QCOMPARE(jsonLayers.size(), qsizetype(report.layers.size()));
    int recommended = 0;
    for (std::size_t l = 0; l < report.layers.size(); ++l) {
        const DefenseLayerReport &layer = report.layers[l];
        const auto &shown = layers.at(qsizetype(l));
        const QJsonObject jsonLayer = jsonLayers.at(qsizetype(l)).toObject();
        QCOMPARE(shown.layer, layer.layer);
        QCOMPARE(shown.recommended, int(layer.mitigations.size()));
        QCOMPARE(shown.implemented, int(layer.implemented));
        QCOMPARE(shown.partial, int(layer.partial));
        QCOMPARE(shown.missing, int(layer.missing));
        QCOMPARE(shown.coveragePercent, layer.coveragePercent);
        QCOMPARE(jsonLayer.value(QStringLiteral("recommended")).toInt(), shown.recommended);
        QCOMPARE(jsonLayer.value(QStringLiteral("implemented")).toInt(), shown.implemented);
        QCOMPARE(jsonLayer.value(QStringLiteral("partial")).toInt(), shown.partial);
        QCOMPARE(jsonLayer.value(QStringLiteral("missing")).toInt(), shown.missing);
        QCOMPARE(jsonLayer.value(QStringLiteral("coveragePercent")).toInt(-1), shown.coveragePercent);
        for (const LayerMitigation &m : layer.mitigations) {
            const QString id = QString::fromStdString(m.id);
            QCOMPARE(panel.linkedThreatCount(id), int(m.threats.size()));
            QCOMPARE(panel.implementedThreatCount(id), int(m.implementedFor));
        }
        recommended += shown.recommended;
        if (shown.recommended == 0)
            continue;
        // What the Markdown and HTML reports print for the layer.
        const std::string counts = std::to_string(shown.implemented) + " implemented, " + std::to_string(shown.partial)
                                   + " partial, " + std::to_string(shown.missing) + " missing.";
        QVERIFY2(markdown.str().find("Coverage " + std::to_string(shown.coveragePercent) + "%: " + counts)
                     != std::string::npos, counts.c_str());
        QVERIFY2(html.str().find("<p>" + counts + "</p>") != std::string::npos, counts.c_str());
    }
    QVERIFY(recommended > 0);
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
        if (t.subjectId == "c1" && t.isOpen() && t.stride().find('E') != std::string::npos
            && t.residualSeverity == *worst)
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

void TestAnalysisViews::catalogBrowserOpensOnlyWebLinks()
{
    // A catalog is input like any other: a link in it must not make the desktop open a local
    // file or hand an address to whatever program claims its scheme.
    UrlRecorder desktop;
    const QStringList schemes{QStringLiteral("https"), QStringLiteral("http"), QStringLiteral("file"),
                              QStringLiteral("smb"), QStringLiteral("javascript")};
    for (const QString &scheme : schemes)
        QDesktopServices::setUrlHandler(scheme, &desktop, "open");
    CatalogBrowser browser(builtInCatalog());
    const QList<QTextBrowser *> details = browser.findChildren<QTextBrowser *>();
    QVERIFY(!details.isEmpty());
    for (const char *address : {"file:///etc/passwd", "smb://server/share/run.desktop", "javascript:alert(1)",
                                "https://attack.mitre.org/techniques/T1611/", "http://example.org/"})
        Q_EMIT details.front()->anchorClicked(QUrl(QString::fromLatin1(address)));
    for (const QString &scheme : schemes)
        QDesktopServices::unsetUrlHandler(scheme);
    QCOMPARE(desktop.opened, (QList<QUrl>{QUrl(QStringLiteral("https://attack.mitre.org/techniques/T1611/")),
                                          QUrl(QStringLiteral("http://example.org/"))}));
}

QTEST_MAIN(TestAnalysisViews)

#include "tst_analysisviews.moc"
