#include "diagramview.h"

#include "boundaryitem.h"
#include "canvastool.h"
#include "commands/renameitemcommand.h"
#include "core/itemref.h"
#include "diagramscene.h"
#include "document.h"
#include "elementitem.h"
#include "flowitem.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QScrollBar>
#include <QUndoStack>
#include <QWheelEvent>

#include <optional>

namespace bulkhead {

namespace {

/**
 * Where the rename field goes over an item of `kind`: an element's shape, a boundary's title
 * bar, the middle of a flow; nothing when the scene has no such item.
 */
std::optional<QRectF> renameArea(const DiagramScene &scene, const QString &id, ItemKind kind)
{
    switch (kind) {
    case ItemKind::Element:
        if (const ElementItem *e = scene.elementItem(id))
            return e->sceneShapeRect();
        break;
    case ItemKind::Boundary:
        if (const BoundaryItem *b = scene.boundaryItem(id)) {
            const QRectF r = b->sceneShapeRect();
            return QRectF(r.left(), r.top(), std::min<qreal>(r.width(), 260),
                          BoundaryItem::titleHeight);
        }
        break;
    case ItemKind::Flow:
        if (const FlowItem *f = scene.flowItem(id)) {
            const QRectF r = f->sceneBoundingRect();
            return QRectF(r.center() - QPointF(90, 12), QSizeF(180, 24));
        }
        break;
    case ItemKind::None:
        break;
    }
    return std::nullopt;
}

} // namespace

DiagramView::DiagramView(DiagramScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                   | QPainter::SmoothPixmapTransform);
    setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
    setCacheMode(QGraphicsView::CacheBackground); // the grid is drawn once per scroll or zoom
    // Items restore their own painter state and draw inside their bounds.
    setOptimizationFlags(QGraphicsView::DontSavePainterState
                         | QGraphicsView::DontAdjustForAntialiasing);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    updateDragMode();
    connect(scene, &DiagramScene::toolChanged, this, [this] { updateDragMode(); });
    connect(scene, &DiagramScene::renameRequested, this, &DiagramView::startRename);
}

void DiagramView::updateDragMode()
{
    if (m_spaceHeld) {
        setDragMode(QGraphicsView::ScrollHandDrag);
        return;
    }
    const CanvasTool &tool = m_scene->activeTool();
    setDragMode(tool.usesRubberBand() ? QGraphicsView::RubberBandDrag : QGraphicsView::NoDrag);
    viewport()->setCursor(tool.cursor());
}

void DiagramView::setZoom(qreal zoom)
{
    zoom = std::clamp(zoom, minimumZoom, maximumZoom);
    if (qFuzzyCompare(zoom, this->zoom()))
        return;
    setTransform(QTransform::fromScale(zoom, zoom));
    Q_EMIT zoomChanged(zoom);
}

void DiagramView::zoomIn()
{
    setZoom(zoom() * 1.25);
}

void DiagramView::zoomOut()
{
    setZoom(zoom() / 1.25);
}

void DiagramView::resetZoom()
{
    setZoom(1.0);
}

void DiagramView::fitToWindow()
{
    const QRectF bounds = m_scene->diagramBounds();
    if (bounds.isEmpty()) {
        resetZoom();
        return;
    }
    const QRectF padded = bounds.adjusted(-30, -30, 30, 30);
    const qreal scale = std::min(viewport()->width() / padded.width(),
                                 viewport()->height() / padded.height());
    setZoom(std::min(scale, 1.0)); // never blow a small diagram up past 100%
    centerOn(padded.center());
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const qreal steps = event->angleDelta().y() / 120.0;
        setZoom(zoom() * std::pow(1.15, steps));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void DiagramView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton) {
        m_panning = true;
        m_panStart = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint delta = event->position().toPoint() - m_panStart;
        m_panStart = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && event->button() == Qt::MiddleButton) {
        m_panning = false;
        updateDragMode();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void DiagramView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && !m_renameEditor) {
        m_spaceHeld = true;
        updateDragMode();
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DiagramView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        updateDragMode();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DiagramView::startRename(const QString &id)
{
    finishRename(false);
    const ItemRef item = findItem(m_scene->document()->model(), id.toStdString());
    const std::optional<QRectF> area = renameArea(*m_scene, id, item.kind());
    if (!area)
        return;
    const QString current = QString::fromStdString(item.name());
    m_renamingId = id;
    m_renameEditor = new QLineEdit(current, viewport());
    m_renameEditor->setObjectName(QStringLiteral("renameEditor"));
    const QRect viewRect = mapFromScene(*area).boundingRect();
    m_renameEditor->setGeometry(viewRect.left(), viewRect.center().y() - 14,
                                std::max(140, viewRect.width()), 28);
    m_renameEditor->selectAll();
    m_renameEditor->show();
    m_renameEditor->setFocus();
    connect(m_renameEditor, &QLineEdit::returnPressed, this, [this] { finishRename(true); });
    connect(m_renameEditor, &QLineEdit::editingFinished, this, [this] { finishRename(true); });
    m_renameEditor->installEventFilter(this); // Esc cancels
}

bool DiagramView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_renameEditor && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        finishRename(false);
        return true;
    }
    return QGraphicsView::eventFilter(watched, event);
}

void DiagramView::finishRename(bool accept)
{
    if (!m_renameEditor)
        return;
    QLineEdit *editor = m_renameEditor;
    m_renameEditor = nullptr;
    const QString id = m_renamingId;
    m_renamingId.clear();
    const QString name = editor->text().trimmed();
    editor->hide();
    editor->deleteLater();
    setFocus();
    if (!accept)
        return;
    Document *document = m_scene->document();
    const ItemRef item = findItem(document->model(), id.toStdString());
    if (!item)
        return;
    if (name != QString::fromStdString(item.name()))
        document->undoStack()->push(new RenameItemCommand(document, id, name));
}

} // namespace bulkhead
