#include "diagramscene.h"

#include "analysiscontroller.h"
#include "boundaryitem.h"
#include "catalog/catalog.h"
#include "commands/removeitemscommand.h"
#include "core/itemref.h"
#include "connecttool.h"
#include "diagramclipboard.h"
#include "elementitem.h"
#include "flowitem.h"
#include "pasteplacement.h"
#include "inviewplacement.h"
#include "placetool.h"
#include "report/diagramstyle.h"
#include "scenegeometry.h"
#include "selectionmoves.h"
#include "selecttool.h"

#include <QCursor>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsView>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QPalette>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace bulkhead {

namespace {

constexpr QSizeF defaultElementSize(diagramstyle::defaultElementWidth,
                                    diagramstyle::defaultElementHeight);
constexpr QSizeF defaultBoundarySize(diagramstyle::defaultBoundaryWidth,
                                     diagramstyle::defaultBoundaryHeight);

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

/** A drawn size for a model rectangle that has none (hand-written files). */
QRectF displayRect(const Rect &r, const QSizeF &fallback)
{
    QRectF rect = toQRect(r);
    if (rect.width() <= 0 || rect.height() <= 0)
        rect.setSize(fallback);
    return rect;
}

ItemKind itemKindOf(ItemType type)
{
    static_assert(int(ItemType::None) == int(ItemKind::None)
                  && int(ItemType::Element) == int(ItemKind::Element)
                  && int(ItemType::Boundary) == int(ItemKind::Boundary)
                  && int(ItemType::Flow) == int(ItemKind::Flow));
    return static_cast<ItemKind>(type);
}

bool isAncestorOf(const QGraphicsItem *ancestor, const QGraphicsItem *item)
{
    for (const QGraphicsItem *p = item; p; p = p->parentItem()) {
        if (p == ancestor)
            return true;
    }
    return false;
}

} // namespace

QString DiagramScene::kindMimeType()
{
    return QStringLiteral("application/x-bulkhead-kind");
}

QString DiagramScene::itemsMimeType()
{
    return diagramclipboard::mimeType();
}

DiagramScene::DiagramScene(Document *document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_selectTool(std::make_unique<SelectTool>(this))
    , m_placeTool(std::make_unique<PlaceTool>(this))
    , m_connectTool(std::make_unique<ConnectTool>(this))
    , m_activeTool(m_selectTool.get())
{
    // The default BSP index: a large diagram repaints a small area far more often than it
    // moves many items at once.
    connect(document, &Document::modelReset, this, &DiagramScene::rebuild);
    connect(document, &Document::itemAdded, this, &DiagramScene::onItemAdded);
    connect(document, &Document::itemRemoved, this, &DiagramScene::onItemRemoved);
    connect(document, &Document::itemChanged, this, &DiagramScene::onItemChanged);
    connect(this, &QGraphicsScene::selectionChanged, this,
            [this] { Q_EMIT selectedIdsChanged(selectedIds()); });
    rebuild();
}

DiagramScene::~DiagramScene()
{
    // QGraphicsScene's destructor announces selection changes while deleting items, when
    // this part of the object is already gone.
    disconnect(this, &QGraphicsScene::selectionChanged, this, nullptr);
    clear();
}

// ---- mirroring the document ------------------------------------------------------------

void DiagramScene::rebuild()
{
    m_syncing = true;
    clearSelection();
    m_activeTool->cancel(); // its half-done work points at items about to go
    clear();
    m_elements.clear();
    m_boundaries.clear();
    m_flows.clear();
    m_flowsByElement.clear();
    const ThreatModel &model = m_document->model();
    for (const Boundary &b : model.boundaries()) {
        const QString id = qs(b.id);
        if (m_boundaries.contains(id))
            continue; // a duplicate id: validation reports it; one item per id
        auto *item = new BoundaryItem(id);
        addItem(item);
        m_boundaries.insert(id, item);
    }
    // Place boundaries after all exist, so any parent can be found whatever the file order.
    for (const Boundary &b : model.boundaries())
        syncItem(qs(b.id), ItemType::Boundary);
    for (const Element &e : model.elements())
        syncItem(qs(e.id), ItemType::Element);
    for (const Flow &f : model.flows())
        syncItem(qs(f.id), ItemType::Flow);
    m_syncing = false;
    setSceneRect(diagramBounds().adjusted(-400, -400, 400, 400));
    updateBadges();
}

void DiagramScene::onItemAdded(const QString &id, ItemType type)
{
    syncItem(id, type);
    growSceneRect();
}

void DiagramScene::growSceneRect()
{
    setSceneRect(sceneRect().united(diagramBounds().adjusted(-400, -400, 400, 400)));
}

void DiagramScene::onItemRemoved(const QString &id, ItemType type)
{
    switch (type) {
    case ItemType::Element:
        delete m_elements.take(id);
        m_flowsByElement.remove(id);
        break;
    case ItemType::Boundary:
        if (BoundaryItem *item = m_boundaries.take(id)) {
            // Members were moved out by the command before the boundary went; anything left
            // (a broken file) is kept alive at the top level rather than deleted with it.
            for (QGraphicsItem *child : item->childItems()) {
                const QPointF scenePos = child->scenePos();
                child->setParentItem(nullptr);
                child->setPos(scenePos);
            }
            delete item;
        }
        break;
    case ItemType::Flow:
        removeFlowItem(id);
        break;
    case ItemType::None:
        break;
    }
}

void DiagramScene::removeFlowItem(const QString &id)
{
    FlowItem *item = m_flows.take(id);
    if (!item)
        return;
    m_flowsByElement.remove(item->sourceId(), item);
    m_flowsByElement.remove(item->targetId(), item);
    const QString source = item->sourceId();
    delete item;
    updateFlowsOf(source); // the siblings' lanes close up
}

void DiagramScene::onItemChanged(const QString &id, ItemType type, ItemChanges changes)
{
    // Only a new place or size moves flows; a container change re-parents the item where it
    // is, and names, properties and direction change how items look, not where flows run.
    syncItem(id, type, changes);
    if (changes.testFlag(ItemChange::Geometry))
        growSceneRect();
}

template<typename Item>
Item *DiagramScene::itemFor(QHash<QString, Item *> &items, const QString &id, ItemChanges &changes)
{
    Item *item = items.value(id);
    if (!item) {
        item = new Item(id);
        addItem(item);
        items.insert(id, item);
        changes = newItem; // placed and routed for the first time
    }
    return item;
}

void DiagramScene::syncItem(const QString &id, ItemType type, ItemChanges changes)
{
    // Notifications say what the id names, so a shared id (a broken file) finds the right one.
    const ItemRef item = findItem(m_document->model(), id.toStdString(), itemKindOf(type));
    if (const Element *element = item.element())
        syncNode(m_elements, id, *element, element->boundary, defaultElementSize, changes);
    else if (const Boundary *boundary = item.boundary())
        syncNode(m_boundaries, id, *boundary, boundary->parent, defaultBoundarySize, changes);
    else if (const Flow *flow = item.flow())
        syncFlow(id, *flow, changes);
}

template<typename Item, typename Node>
void DiagramScene::syncNode(QHash<QString, Item *> &items, const QString &id, const Node &node,
                            const std::string &container, const QSizeF &defaultSize,
                            ItemChanges changes)
{
    Item *item = itemFor(items, id, changes);
    item->sync(node, m_document->catalog().findKind(node.kind));
    if (changes.testAnyFlags(ItemChange::Geometry | ItemChange::Container))
        placeNode(item, displayRect(node.geometry, defaultSize), qs(container));
    if (changes.testFlag(ItemChange::Geometry))
        updateFlowsWithin(item); // an element's own flows, or those of all a boundary holds
}

void DiagramScene::syncFlow(const QString &id, const Flow &flow, ItemChanges changes)
{
    FlowItem *item = itemFor(m_flows, id, changes);
    // Its name and direction change how a flow looks; only new ends move it.
    const bool routed = changes.testFlag(ItemChange::Geometry);
    if (routed) {
        m_flowsByElement.remove(item->sourceId(), item);
        m_flowsByElement.remove(item->targetId(), item);
    }
    item->sync(flow);
    if (!routed)
        return;
    m_flowsByElement.insert(item->sourceId(), item);
    if (item->targetId() != item->sourceId())
        m_flowsByElement.insert(item->targetId(), item);
    updateFlowsOf(item->sourceId());
}

void DiagramScene::placeNode(NodeItem *item, const QRectF &absolute, const QString &containerId)
{
    BoundaryItem *parent = m_boundaries.value(containerId);
    // A boundary cycle in a file must not make an item its own ancestor.
    if (parent && isAncestorOf(item, parent))
        parent = nullptr;
    const bool wasSyncing = m_syncing;
    m_syncing = true;
    if (item->parentItem() != parent)
        item->setParentItem(parent);
    item->setSize(absolute.size());
    item->setPos(parent ? parent->mapFromScene(absolute.topLeft()) : absolute.topLeft());
    m_syncing = wasSyncing;
}

void DiagramScene::updateFlow(FlowItem *flow)
{
    const ElementItem *source = m_elements.value(flow->sourceId());
    const ElementItem *target = m_elements.value(flow->targetId());
    // Flows joining the same two elements share a pair; each gets its own lane.
    QList<FlowItem *> siblings;
    for (FlowItem *other : m_flowsByElement.values(flow->sourceId())) {
        if ((other->sourceId() == flow->sourceId() && other->targetId() == flow->targetId())
            || (other->sourceId() == flow->targetId() && other->targetId() == flow->sourceId()))
            siblings.append(other);
    }
    std::sort(siblings.begin(), siblings.end(), [this](FlowItem *a, FlowItem *b) {
        return m_document->model().flowPosition(a->id().toStdString())
               < m_document->model().flowPosition(b->id().toStdString());
    });
    const qsizetype index = siblings.indexOf(flow);
    const qreal spread = diagramstyle::flowLaneSpread;
    qreal lane = siblings.size() > 1 ? (qreal(index) - qreal(siblings.size() - 1) / 2) * spread : 0;
    // Lanes are measured along the normal of source→target; a flow drawn the other way round
    // has the opposite normal, so flip it to keep the pair apart.
    if (flow->sourceId() > flow->targetId())
        lane = -lane;
    flow->updatePath(source, target, lane);
}

void DiagramScene::updateFlowsOf(const QString &elementId)
{
    const auto flows = m_flowsByElement.values(elementId);
    for (FlowItem *flow : flows)
        updateFlow(flow);
    // The element moved or its flows did: its badge, and those at the flows' other ends,
    // may now sit on an arrow.
    placeBadge(m_elements.value(elementId));
    for (const FlowItem *flow : flows)
        placeBadge(
            m_elements.value(flow->sourceId() == elementId ? flow->targetId() : flow->sourceId()));
}

void DiagramScene::placeBadge(ElementItem *item)
{
    if (!item || item->badgeCount() <= 0)
        return;
    item->placeBadge([this](const QRectF &disc) {
        const QList<QGraphicsItem *> hits = items(disc, Qt::IntersectsItemShape);
        return std::any_of(hits.begin(), hits.end(), [](QGraphicsItem *hit) {
            return qgraphicsitem_cast<FlowItem *>(hit) != nullptr;
        });
    });
}

void DiagramScene::updateFlowsWithin(NodeItem *item)
{
    if (auto *element = qgraphicsitem_cast<ElementItem *>(item)) {
        updateFlowsOf(element->id());
        return;
    }
    for (QGraphicsItem *child : item->childItems()) {
        if (NodeItem *node = nodeItemCast(child))
            updateFlowsWithin(node);
    }
}

QRectF DiagramScene::diagramBounds() const
{
    QRectF bounds;
    for (const BoundaryItem *b : m_boundaries)
        bounds = bounds.united(b->sceneShapeRect());
    for (const ElementItem *e : m_elements)
        bounds = bounds.united(e->sceneShapeRect());
    for (const FlowItem *f : m_flows)
        bounds = bounds.united(f->sceneBoundingRect());
    return bounds;
}

// ---- threat badges -----------------------------------------------------------------------

void DiagramScene::setAnalysis(AnalysisController *analysis)
{
    m_analysis = analysis;
    connect(analysis, &AnalysisController::analysisUpdated, this, &DiagramScene::updateBadges);
    updateBadges();
}

void DiagramScene::updateBadges()
{
    if (!m_analysis)
        return;
    auto badge = [this](const QString &id) {
        const auto worst = m_analysis->worstOpenSeverity(id);
        return std::pair{m_analysis->openThreatCount(id), worst ? int(*worst) : -1};
    };
    for (auto it = m_elements.begin(); it != m_elements.end(); ++it) {
        const auto [count, severity] = badge(it.key());
        it.value()->setBadge(count, severity);
        placeBadge(it.value());
    }
    for (auto it = m_boundaries.begin(); it != m_boundaries.end(); ++it) {
        const auto [count, severity] = badge(it.key());
        it.value()->setBadge(count, severity);
    }
    for (auto it = m_flows.begin(); it != m_flows.end(); ++it) {
        const auto [count, severity] = badge(it.key());
        it.value()->setBadge(count, severity);
    }
}

// ---- selection -------------------------------------------------------------------------

QStringList DiagramScene::selectedIds() const
{
    QStringList ids;
    for (const QGraphicsItem *item : selectedItems()) {
        if (const QString id = diagramItemId(item); !id.isEmpty())
            ids << id;
    }
    // Model order, so commands and property editors see a stable order.
    const ThreatModel &model = m_document->model();
    auto rank = [&model](const QString &id) {
        const std::string key = id.toStdString();
        if (const int b = model.boundaryPosition(key); b >= 0)
            return b;
        if (const int e = model.elementPosition(key); e >= 0)
            return 1000000 + e;
        return 2000000 + model.flowPosition(key);
    };
    std::sort(ids.begin(), ids.end(),
              [&](const QString &a, const QString &b) { return rank(a) < rank(b); });
    return ids;
}

void DiagramScene::selectIds(const QStringList &ids)
{
    {
        // One announcement for the whole new selection, not one per item.
        const QSignalBlocker blocker(this);
        clearSelection();
        for (const QString &id : ids) {
            if (QGraphicsItem *item = m_elements.value(id))
                item->setSelected(true);
            else if (QGraphicsItem *boundary = m_boundaries.value(id))
                boundary->setSelected(true);
            else if (QGraphicsItem *flow = m_flows.value(id))
                flow->setSelected(true);
        }
    }
    Q_EMIT selectedIdsChanged(selectedIds());
}

// ---- tools -----------------------------------------------------------------------------

DiagramScene::Tool DiagramScene::tool() const
{
    return m_activeTool->kind();
}

QString DiagramScene::placingKind() const
{
    return m_placeTool->placingKind();
}

CanvasTool *DiagramScene::toolFor(Tool tool) const
{
    switch (tool) {
    case Tool::Place:
        return m_placeTool.get();
    case Tool::Connect:
        return m_connectTool.get();
    case Tool::Select:
        break;
    }
    return m_selectTool.get();
}

void DiagramScene::setTool(Tool tool)
{
    m_activeTool->cancel();
    if (tool != Tool::Place)
        m_placeTool->setPlacingKind(QString());
    if (m_activeTool->kind() == tool)
        return;
    m_activeTool = toolFor(tool);
    Q_EMIT toolChanged(tool);
}

void DiagramScene::startPlacing(const QString &kind)
{
    setTool(Tool::Select);
    m_placeTool->setPlacingKind(kind);
    setTool(Tool::Place);
}

bool DiagramScene::isInteracting() const
{
    return m_activeTool->isInteracting();
}

void DiagramScene::setShowGrid(bool show)
{
    m_showGrid = show;
    // Views cache the background; tell them it changed.
    invalidate(sceneRect(), QGraphicsScene::BackgroundLayer);
}

void DiagramScene::setSnapToGrid(bool snap)
{
    m_snapToGrid = snap;
}

QPointF DiagramScene::snapped(const QPointF &point) const
{
    if (!m_snapToGrid)
        return point;
    return QPointF(std::round(point.x() / gridSize) * gridSize,
                   std::round(point.y() / gridSize) * gridSize);
}

QPointF DiagramScene::snappedPosition(const NodeItem *item, const QPointF &position) const
{
    if (m_syncing || !isInteracting())
        return position;
    // Snap the item's scene position, then go back to its parent's coordinates.
    const QGraphicsItem *parent = item->parentItem();
    const QPointF onGrid = snapped(parent ? parent->mapToScene(position) : position);
    return parent ? parent->mapFromScene(onGrid) : onGrid;
}

void DiagramScene::nodeMoved(NodeItem *item)
{
    // While mirroring the model, the sync that moved the item routes what needs it.
    if (!m_syncing)
        updateFlowsWithin(item);
}

NodeItem *DiagramScene::nodeAt(const QPointF &scenePos, bool elementsOnly) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (auto *element = qgraphicsitem_cast<ElementItem *>(item))
            return element;
        if (!elementsOnly) {
            if (auto *boundary = qgraphicsitem_cast<BoundaryItem *>(item))
                return boundary;
        }
    }
    return nullptr;
}

QString DiagramScene::containerAt(const QPointF &point, const NodeItem *excluded) const
{
    QString best;
    qreal bestArea = 0;
    for (auto it = m_boundaries.constBegin(); it != m_boundaries.constEnd(); ++it) {
        const BoundaryItem *b = it.value();
        if (excluded && isAncestorOf(excluded, b))
            continue; // itself or something it holds
        const QRectF rect = b->sceneShapeRect();
        if (!rect.contains(point))
            continue;
        const qreal area = rect.width() * rect.height();
        if (best.isEmpty() || area < bestArea) {
            best = it.key();
            bestArea = area;
        }
    }
    return best;
}

QList<const NodeItem *> DiagramScene::adoptedBy(const QRectF &area, const QString &container) const
{
    // A boundary drawn around items takes in those that sat at the same level.
    QList<const NodeItem *> adopted;
    const ThreatModel &model = m_document->model();
    for (const Element &e : model.elements()) {
        const ElementItem *item = m_elements.value(qs(e.id));
        if (item && qs(e.boundary) == container && area.contains(item->sceneShapeRect()))
            adopted << item;
    }
    for (const Boundary &b : model.boundaries()) {
        const BoundaryItem *item = m_boundaries.value(qs(b.id));
        if (item && qs(b.parent) == container && area.contains(item->sceneShapeRect()))
            adopted << item;
    }
    return adopted;
}

QString DiagramScene::addKindAt(const QString &kind, const QPointF &scenePos,
                                const QSizeF &requestedSize)
{
    return m_placeTool->place(kind, scenePos, requestedSize);
}

// ---- mouse and keys: the active tool's -------------------------------------------------

void DiagramScene::defaultMouseEvent(QGraphicsSceneMouseEvent *event)
{
    switch (event->type()) {
    case QEvent::GraphicsSceneMousePress:
        QGraphicsScene::mousePressEvent(event);
        break;
    case QEvent::GraphicsSceneMouseMove:
        QGraphicsScene::mouseMoveEvent(event);
        break;
    case QEvent::GraphicsSceneMouseRelease:
        QGraphicsScene::mouseReleaseEvent(event);
        break;
    default:
        break;
    }
}

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        m_activeTool->mousePressed(event);
    else
        QGraphicsScene::mousePressEvent(event);
}

void DiagramScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    m_activeTool->mouseMoved(event);
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        m_activeTool->mouseReleased(event);
    else
        QGraphicsScene::mouseReleaseEvent(event);
}

void DiagramScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    for (const QGraphicsItem *item : items(event->scenePos())) {
        if (const QString id = diagramItemId(item); !id.isEmpty()) {
            Q_EMIT renameRequested(id);
            return;
        }
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void DiagramScene::keyPressEvent(QKeyEvent *event)
{
    if (m_activeTool->keyPressed(event))
        return;
    // Arrow keys nudge the selection whatever the tool; Alt moves by a pixel.
    const qreal distance = event->modifiers() & Qt::AltModifier ? 1 : gridSize;
    QPointF step;
    switch (event->key()) {
    case Qt::Key_Left:
        step = QPointF(-distance, 0);
        break;
    case Qt::Key_Right:
        step = QPointF(distance, 0);
        break;
    case Qt::Key_Up:
        step = QPointF(0, -distance);
        break;
    case Qt::Key_Down:
        step = QPointF(0, distance);
        break;
    default:
        QGraphicsScene::keyPressEvent(event);
        return;
    }
    nudgeSelection(*this, step);
    event->accept();
}

// ---- drag and drop from the palette ----------------------------------------------------

void DiagramScene::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    event->setAccepted(event->mimeData()->hasFormat(kindMimeType()));
}

void DiagramScene::dragMoveEvent(QGraphicsSceneDragDropEvent *event)
{
    event->setAccepted(event->mimeData()->hasFormat(kindMimeType()));
}

void DiagramScene::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    if (!event->mimeData()->hasFormat(kindMimeType())) {
        event->ignore();
        return;
    }
    const QString kind = QString::fromUtf8(event->mimeData()->data(kindMimeType()));
    m_placeTool->placeInView(kind, event->scenePos(), visibleSceneRect(event));
    event->acceptProposedAction();
}

// ---- clipboard -------------------------------------------------------------------------

void DiagramScene::copySelection() const
{
    diagramclipboard::copy(*m_document, selectedIds());
}

void DiagramScene::cutSelection()
{
    copySelection();
    deleteSelection();
}

void DiagramScene::paste()
{
    const std::optional<QPointF> pointer = pointerPosition();
    const QStringList ids = diagramclipboard::paste(*m_document, [&](PastedItems &items) {
        if (pointer)
            pasteplacement::centreOn(items, *pointer, *this);
        else
            pasteplacement::offsetWithinBoundary(items, 2 * gridSize, *this);
    });
    if (!ids.isEmpty())
        selectIds(ids);
}

void DiagramScene::duplicateSelection()
{
    const QStringList ids = diagramclipboard::duplicate(
        *m_document, selectedIds(), [this](PastedItems &items) {
            pasteplacement::offsetWithinBoundary(items, 2 * gridSize, *this);
        });
    if (!ids.isEmpty())
        selectIds(ids);
}

std::optional<QPointF> DiagramScene::pointerPosition() const
{
    const QPoint global = QCursor::pos();
    for (const QGraphicsView *view : views()) {
        const QPoint local = view->viewport()->mapFromGlobal(global);
        if (view->isVisible() && view->viewport()->rect().contains(local))
            return view->mapToScene(local);
    }
    return std::nullopt;
}

void DiagramScene::deleteSelection()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    auto *command = new RemoveItemsCommand(m_document, ids);
    if (command->isEmpty()) {
        delete command;
        return;
    }
    m_document->undoStack()->push(command);
}

// ---- background ------------------------------------------------------------------------

void DiagramScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, palette().color(QPalette::Base));
    if (!m_showGrid)
        return;
    const qreal scale = painter->worldTransform().m11();
    if (scale * gridSize < 6)
        return; // a grid finer than a few pixels is noise
    QColor dot = palette().color(QPalette::Text);
    dot.setAlphaF(0.18);
    painter->setPen(QPen(dot, 0));
    const qreal left = std::floor(rect.left() / gridSize) * gridSize;
    const qreal top = std::floor(rect.top() / gridSize) * gridSize;
    QVector<QPointF> points;
    for (qreal x = left; x < rect.right(); x += gridSize) {
        for (qreal y = top; y < rect.bottom(); y += gridSize)
            points.append(QPointF(x, y));
    }
    painter->drawPoints(points.constData(), int(points.size()));
}

} // namespace bulkhead
