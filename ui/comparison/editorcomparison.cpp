#include "editorcomparison.h"

#include "analysiscontroller.h"
#include "canvas/diagramscene.h"
#include "canvas/diagramview.h"
#include "comparisoncontroller.h"
#include "comparisondock.h"
#include "comparisonoverlay.h"
#include "ghostitem.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>

namespace bulkhead {

EditorComparison::EditorComparison(QMainWindow *window, Document *document, DiagramScene *scene,
                                   DiagramView *view, AnalysisController *analysis)
    : QObject(window)
    , m_window(window)
    , m_scene(scene)
    , m_view(view)
    , m_controller(new ComparisonController(
          {[document]() -> const ThreatModel & { return document->model(); },
           [document]() -> const Catalog & { return document->catalog(); }},
          analysis, this))
    , m_overlay(new ComparisonOverlay(scene, m_controller, this))
{
    connect(document, &Document::changed, m_controller, &ComparisonController::queueRefresh);
    connect(document, &Document::modelReset, m_controller, &ComparisonController::queueRefresh);
    connect(analysis, &AnalysisController::analysisUpdated, m_controller,
            &ComparisonController::queueRefresh);
    connect(m_controller, &ComparisonController::ended, this, [this] {
        if (m_dockWidget)
            m_dockWidget->hide();
        if (m_endAction)
            m_endAction->setEnabled(false);
    });
}

EditorComparison::~EditorComparison() = default;

void EditorComparison::addMenuActions(QMenu *menu)
{
    menu->addAction(tr("Compare &with…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            m_window, tr("Compare with Another Version"), QString(),
            tr("Bulkhead models (*.bulkhead.json);;JSON files (*.json);;All files (*)"));
        if (!path.isEmpty())
            compareWith(path);
    });
    m_endAction = menu->addAction(tr("E&nd Comparison"), this, &EditorComparison::end);
    m_endAction->setEnabled(m_controller->isActive());
}

void EditorComparison::ensureDock()
{
    if (m_dockWidget)
        return;
    m_dock = new ComparisonDock(m_controller, m_window);
    m_dockWidget = new QDockWidget(tr("Comparison"), m_window);
    m_dockWidget->setObjectName(QStringLiteral("comparisonDock"));
    // Ending the comparison is the way to close it; a hidden list with outlines left on
    // the canvas would explain nothing.
    m_dockWidget->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    m_dockWidget->setWidget(m_dock);
    m_window->addDockWidget(Qt::RightDockWidgetArea, m_dockWidget);
    // Full height beside the canvas, as a tab of the properties: a list of changes is long.
    if (auto *properties = m_window->findChild<QDockWidget *>(QStringLiteral("propertiesDock")))
        m_window->tabifyDockWidget(properties, m_dockWidget);
    connect(m_dock, &ComparisonDock::endRequested, this, &EditorComparison::end);
    connect(m_dock, &ComparisonDock::itemActivated, this, &EditorComparison::showItem);
    connect(m_dock, &ComparisonDock::threatSubjectActivated, this,
            &EditorComparison::showThreatSubject);
}

bool EditorComparison::start(const QString &path, QString *errorMessage)
{
    if (!m_controller->start(path, errorMessage))
        return false;
    ensureDock();
    m_dockWidget->show();
    m_dockWidget->raise();
    if (m_endAction)
        m_endAction->setEnabled(true);
    return true;
}

bool EditorComparison::compareWith(const QString &path)
{
    QString error;
    if (start(path, &error))
        return true;
    QMessageBox::warning(m_window, tr("Cannot compare"), error);
    return false;
}

void EditorComparison::end()
{
    m_controller->end();
}

void EditorComparison::showItem(const QString &id, bool removed)
{
    m_overlay->highlightGhost(QString());
    if (removed) {
        m_scene->clearSelection();
        if (GhostItem *ghost = m_overlay->highlightGhost(id))
            m_view->centerOn(ghost);
        return;
    }
    m_scene->selectIds({id});
    if (QGraphicsItem *item = m_scene->selectedItems().value(0))
        m_view->centerOn(item);
}

void EditorComparison::showThreatSubject(const QString &subjectId)
{
    // A resolved threat's subject may be gone too: then its ghost is what can be shown.
    showItem(subjectId, m_overlay->ghostOf(subjectId) != nullptr);
}

} // namespace bulkhead
