#include "diagramscene.h"

#include "analysiscontroller.h"
#include "boundaryitem.h"
#include "catalog/catalog.h"
#include "commands/additemscommand.h"
#include "commands/moveitemscommand.h"
#include "commands/removeitemscommand.h"
#include "document.h"
#include "elementitem.h"
#include "flowitem.h"
#include "io/modelreader.h"
#include "io/modelwriter.h"

#include <QApplication>
#include <QClipboard>
#include <QGraphicsLineItem>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QPalette>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QSet>
#include <QUndoStack>

#include <cmath>

namespace bulkhead {

namespace {

constexpr QSizeF defaultElementSize(140, 70);
constexpr QSizeF defaultBoundarySize(320, 220);
constexpr QSizeF minimumBoundarySize(120, 80);

QRectF toQRect(const Rect &r)
{
    return QRectF(r.x, r.y, r.width, r.height);
}

Rect toRect(const QRectF &r)
{
    return Rect{r.x(), r.y(), r.width(), r.height()};
}

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
    return QStringLiteral("application/x-bulkhead-items");
}

DiagramScene::DiagramScene(Document *document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
{
    // The default BSP index: a large diagram repaints a small area far more often than it
    // moves many items at once.
    connect(document, &Document::modelReset, this, &DiagramScene::rebuild);
    connect(document, &Document::itemAdded, this,
            [this](const QString &id, ItemType type) { onItemAdded(id, int(type)); });
    connect(document, &Document::itemRemoved, this,
            [this](const QString &id, ItemType type) { onItemRemoved(id, int(type)); });
    connect(document, &Document::itemChanged, this,
            [this](const QString &id, ItemType type) { onItemChanged(id, int(type)); });
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
    m_connectLine = nullptr;
    m_rubberBoundary = nullptr;
    m_connectSource = nullptr;
    m_resizing = nullptr;
    m_dragStart.clear();
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
        syncBoundary(qs(b.id));
    for (const Element &e : model.elements())
        syncElement(qs(e.id));
    for (const Flow &f : model.flows())
        syncFlow(qs(f.id));
    m_syncing = false;
    setSceneRect(diagramBounds().adjusted(-400, -400, 400, 400));
    updateBadges();
}

void DiagramScene::onItemAdded(const QString &id, int type)
{
    switch (ItemType(type)) {
    case ItemType::Element:
        syncElement(id);
        break;
    case ItemType::Boundary:
        syncBoundary(id);
        break;
    case ItemType::Flow:
        syncFlow(id);
        break;
    case ItemType::None:
        break;
    }
    setSceneRect(sceneRect().united(diagramBounds().adjusted(-400, -400, 400, 400)));
}

void DiagramScene::onItemRemoved(const QString &id, int type)
{
    switch (ItemType(type)) {
    case ItemType::Element:
        if (ElementItem *item = m_elements.take(id))
            delete item;
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
        if (FlowItem *item = m_flows.take(id)) {
            m_flowsByElement.remove(item->sourceId(), item);
            m_flowsByElement.remove(item->targetId(), item);
            const QString source = item->sourceId();
            const QString target = item->targetId();
            delete item;
            updateFlowsOf(source); // the siblings' lanes close up
            Q_UNUSED(target);
        }
        break;
    case ItemType::None:
        break;
    }
}

void DiagramScene::onItemChanged(const QString &id, int type)
{
    onItemAdded(id, type);
}

void DiagramScene::syncElement(const QString &id)
{
    const Element *element = m_document->model().findElement(id.toStdString());
    if (!element)
        return;
    ElementItem *item = m_elements.value(id);
    if (!item) {
        item = new ElementItem(id);
        addItem(item);
        m_elements.insert(id, item);
    }
    item->sync(*element, m_document->catalog().findKind(element->kind));
    placeNode(item, displayRect(element->geometry, defaultElementSize), qs(element->boundary));
    updateFlowsOf(id);
}

void DiagramScene::syncBoundary(const QString &id)
{
    const Boundary *boundary = m_document->model().findBoundary(id.toStdString());
    if (!boundary)
        return;
    BoundaryItem *item = m_boundaries.value(id);
    if (!item) {
        item = new BoundaryItem(id);
        addItem(item);
        m_boundaries.insert(id, item);
    }
    item->sync(*boundary, m_document->catalog().findKind(boundary->kind));
    placeNode(item, displayRect(boundary->geometry, defaultBoundarySize), qs(boundary->parent));
    updateFlowsWithin(item);
}

void DiagramScene::syncFlow(const QString &id)
{
    const Flow *flow = m_document->model().findFlow(id.toStdString());
    if (!flow)
        return;
    FlowItem *item = m_flows.value(id);
    if (!item) {
        item = new FlowItem(id);
        addItem(item);
        m_flows.insert(id, item);
    } else {
        m_flowsByElement.remove(item->sourceId(), item);
        m_flowsByElement.remove(item->targetId(), item);
    }
    item->sync(*flow);
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
    const qreal spread = 28;
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
}

void DiagramScene::updateFlowsWithin(NodeItem *item)
{
    if (auto *element = qgraphicsitem_cast<ElementItem *>(item)) {
        updateFlowsOf(element->id());
        return;
    }
    for (QGraphicsItem *child : item->childItems()) {
        if (auto *node = dynamic_cast<NodeItem *>(child))
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
    for (QGraphicsItem *item : selectedItems()) {
        if (auto *node = dynamic_cast<NodeItem *>(item))
            ids << node->id();
        else if (auto *flow = qgraphicsitem_cast<FlowItem *>(item))
            ids << flow->id();
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

void DiagramScene::setTool(Tool tool)
{
    if (m_connectLine) {
        delete m_connectLine;
        m_connectLine = nullptr;
        m_connectSource = nullptr;
    }
    if (m_rubberBoundary) {
        delete m_rubberBoundary;
        m_rubberBoundary = nullptr;
    }
    if (tool != Tool::Place)
        m_placingKind.clear();
    if (m_tool == tool)
        return;
    m_tool = tool;
    Q_EMIT toolChanged(tool);
}

void DiagramScene::startPlacing(const QString &kind)
{
    setTool(Tool::Select);
    m_placingKind = kind;
    m_tool = Tool::Place;
    Q_EMIT toolChanged(m_tool);
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

QPointF DiagramScene::snappedPosition(const NodeItem *item, const QPointF &position) const
{
    if (m_syncing || !m_snapToGrid || !m_dragging)
        return position;
    // Snap the item's scene position, then go back to its parent's coordinates.
    const QPointF scene = item->parentItem() ? item->parentItem()->mapToScene(position) : position;
    const QPointF snapped(std::round(scene.x() / gridSize) * gridSize,
                         std::round(scene.y() / gridSize) * gridSize);
    return item->parentItem() ? item->parentItem()->mapFromScene(snapped) : snapped;
}

void DiagramScene::nodeMoved(NodeItem *item)
{
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

QStringList DiagramScene::adoptedBy(const QString &boundaryId, const QRectF &area,
                                    const QString &container) const
{
    // A boundary drawn around items takes in those that sat at the same level.
    QStringList ids;
    const ThreatModel &model = m_document->model();
    for (const Element &e : model.elements()) {
        const ElementItem *item = m_elements.value(qs(e.id));
        if (item && qs(e.boundary) == container && area.contains(item->sceneShapeRect()))
            ids << qs(e.id);
    }
    for (const Boundary &b : model.boundaries()) {
        const BoundaryItem *item = m_boundaries.value(qs(b.id));
        if (item && qs(b.id) != boundaryId && qs(b.parent) == container
            && area.contains(item->sceneShapeRect()))
            ids << qs(b.id);
    }
    return ids;
}

QString DiagramScene::addKindAt(const QString &kind, const QPointF &scenePos, const QSizeF &requestedSize)
{
    const ElementKind *k = m_document->catalog().findKind(kind.toStdString());
    if (!k)
        return {};
    const ThreatModel &model = m_document->model();
    const std::string id = model.generateId(kind.toStdString());
    // "container-3" → "Container 3": a readable starting name the user will replace.
    const QString number = QString::fromStdString(id.substr(id.rfind('-') + 1));
    const QString name = QString::fromStdString(k->displayName) + QLatin1Char(' ') + number;
    const QSizeF size = requestedSize.isValid() && !requestedSize.isEmpty()
                            ? requestedSize
                            : (k->isBoundary() ? defaultBoundarySize : defaultElementSize);
    QPointF topLeft = scenePos - QPointF(size.width() / 2, size.height() / 2);
    if (m_snapToGrid)
        topLeft = QPointF(std::round(topLeft.x() / gridSize) * gridSize,
                          std::round(topLeft.y() / gridSize) * gridSize);
    const QRectF rect(topLeft, size);
    const QString container = containerAt(rect.center(), nullptr);

    ItemSnapshot snapshot;
    if (k->isBoundary()) {
        Boundary b;
        b.id = id;
        b.kind = kind.toStdString();
        b.name = name.toStdString();
        b.parent = container.toStdString();
        b.geometry = toRect(rect);
        snapshot.boundaries.emplace_back(int(model.boundaries().size()), b);
        const QStringList adopted = adoptedBy(QString::fromStdString(id), rect, container);
        QUndoStack *stack = m_document->undoStack();
        stack->beginMacro(QObject::tr("Add %1").arg(QString::fromStdString(k->displayName)));
        stack->push(new AddItemsCommand(m_document, snapshot, QString()));
        if (!adopted.isEmpty()) {
            std::vector<ItemMove> moves;
            for (const QString &member : adopted) {
                const NodeItem *node = m_elements.value(member);
                if (!node)
                    node = m_boundaries.value(member);
                const Rect geometry = toRect(node->sceneShapeRect());
                moves.push_back({member, geometry, geometry, container, QString::fromStdString(id)});
            }
            stack->push(new MoveItemsCommand(m_document, std::move(moves), QString()));
        }
        stack->endMacro();
    } else {
        Element e;
        e.id = id;
        e.kind = kind.toStdString();
        e.name = name.toStdString();
        e.boundary = container.toStdString();
        e.geometry = toRect(rect);
        snapshot.elements.emplace_back(int(model.elements().size()), e);
        m_document->undoStack()->push(new AddItemsCommand(
            m_document, snapshot, QObject::tr("Add %1").arg(QString::fromStdString(k->displayName))));
    }
    const QString newId = QString::fromStdString(id);
    selectIds({newId});
    return newId;
}

// ---- mouse -----------------------------------------------------------------------------

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    m_pressPos = event->scenePos();
    if (event->button() != Qt::LeftButton) {
        QGraphicsScene::mousePressEvent(event);
        return;
    }
    if (m_tool == Tool::Place) {
        const ElementKind *kind = m_document->catalog().findKind(m_placingKind.toStdString());
        if (kind && kind->isBoundary()) {
            // Boundaries are dragged out; the rectangle shows what they will enclose.
            m_rubberBoundary = addRect(QRectF(m_pressPos, QSizeF(0, 0)),
                                       QPen(palette().color(QPalette::Highlight), 1.5, Qt::DashLine));
            m_rubberBoundary->setZValue(100);
        }
        event->accept();
        return;
    }
    if (m_tool == Tool::Connect) {
        m_connectSource = qgraphicsitem_cast<ElementItem *>(nodeAt(m_pressPos, true));
        if (m_connectSource) {
            m_connectLine = addLine(QLineF(m_connectSource->sceneShapeRect().center(), m_pressPos),
                                    QPen(palette().color(QPalette::Highlight), 1.5, Qt::DashLine));
            m_connectLine->setZValue(100);
        }
        event->accept();
        return;
    }
    // Select tool: a selected boundary's corner starts a resize instead of a move.
    for (QGraphicsItem *item : items(m_pressPos)) {
        auto *boundary = qgraphicsitem_cast<BoundaryItem *>(item);
        if (boundary && boundary->isSelected() && boundary->isOnResizeHandle(boundary->mapFromScene(m_pressPos))) {
            m_resizing = boundary;
            m_resizeStart = boundary->sceneShapeRect();
            event->accept();
            return;
        }
        if (qgraphicsitem_cast<ElementItem *>(item) || qgraphicsitem_cast<FlowItem *>(item))
            break;
    }
    QGraphicsScene::mousePressEvent(event);
    // Remember where every selected item started, so the whole drag is one undo step.
    m_dragStart.clear();
    for (QGraphicsItem *item : selectedItems()) {
        if (auto *node = dynamic_cast<NodeItem *>(item))
            m_dragStart.insert(node, node->sceneShapeRect());
    }
    m_dragging = !m_dragStart.isEmpty();
}

void DiagramScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_resizing) {
        QPointF corner = event->scenePos();
        if (m_snapToGrid)
            corner = QPointF(std::round(corner.x() / gridSize) * gridSize,
                             std::round(corner.y() / gridSize) * gridSize);
        const QSizeF size(std::max(minimumBoundarySize.width(), corner.x() - m_resizeStart.left()),
                          std::max(minimumBoundarySize.height(), corner.y() - m_resizeStart.top()));
        m_resizing->setSize(size);
        updateFlowsWithin(m_resizing);
        return;
    }
    if (m_rubberBoundary) {
        m_rubberBoundary->setRect(QRectF(m_pressPos, event->scenePos()).normalized());
        return;
    }
    if (m_connectLine && m_connectSource) {
        m_connectLine->setLine(QLineF(m_connectSource->sceneShapeRect().center(), event->scenePos()));
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QGraphicsScene::mouseReleaseEvent(event);
        return;
    }
    if (m_resizing) {
        commitResize();
        return;
    }
    if (m_tool == Tool::Place) {
        QRectF area;
        if (m_rubberBoundary) {
            area = m_rubberBoundary->rect();
            delete m_rubberBoundary;
            m_rubberBoundary = nullptr;
        }
        const QString kind = m_placingKind;
        setTool(Tool::Select);
        if (area.width() >= minimumBoundarySize.width() && area.height() >= minimumBoundarySize.height())
            addKindAt(kind, area.center(), area.size());
        else
            addKindAt(kind, event->scenePos());
        return;
    }
    if (m_tool == Tool::Connect) {
        finishConnect(event->scenePos());
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (m_dragging)
        commitDrag();
}

void DiagramScene::commitResize()
{
    BoundaryItem *item = m_resizing;
    m_resizing = nullptr;
    update(); // back to full quality
    const QRectF now = item->sceneShapeRect();
    if (now == m_resizeStart)
        return;
    const QString container = qs(m_document->model().findBoundary(item->id().toStdString())->parent);
    std::vector<ItemMove> moves{{item->id(), toRect(m_resizeStart), toRect(now), container, container}};
    m_document->undoStack()->push(
        new MoveItemsCommand(m_document, std::move(moves), QObject::tr("Resize boundary")));
}

void DiagramScene::commitDrag()
{
    m_dragging = false;
    update(); // back to full quality
    const auto starts = m_dragStart;
    m_dragStart.clear();
    std::vector<ItemMove> moves;
    QSet<NodeItem *> handled;
    const ThreatModel &model = m_document->model();
    auto containerOf = [&model](const QString &id) {
        const std::string key = id.toStdString();
        if (const Element *e = model.findElement(key))
            return qs(e->boundary);
        if (const Boundary *b = model.findBoundary(key))
            return qs(b->parent);
        return QString();
    };
    // The items the user dragged (not those carried along inside a dragged boundary) may land
    // in a new boundary; everything that moved gets its new absolute geometry.
    std::function<void(NodeItem *, const QPointF &)> carry = [&](NodeItem *node, const QPointF &delta) {
        for (QGraphicsItem *child : node->childItems()) {
            auto *inner = dynamic_cast<NodeItem *>(child);
            if (!inner || handled.contains(inner))
                continue;
            handled.insert(inner);
            const QRectF now = inner->sceneShapeRect();
            const QString container = containerOf(inner->id());
            moves.push_back({inner->id(), toRect(now.translated(-delta)), toRect(now), container, container});
            carry(inner, delta);
        }
    };
    for (auto it = starts.constBegin(); it != starts.constEnd(); ++it) {
        NodeItem *node = it.key();
        bool carried = false;
        for (QGraphicsItem *p = node->parentItem(); p; p = p->parentItem())
            carried = carried || starts.contains(dynamic_cast<NodeItem *>(p));
        if (carried)
            continue;
        const QRectF now = node->sceneShapeRect();
        if (now == it.value())
            continue;
        handled.insert(node);
        const QString oldContainer = containerOf(node->id());
        const QString newContainer = containerAt(now.center(), node);
        moves.push_back({node->id(), toRect(it.value()), toRect(now), oldContainer, newContainer});
        carry(node, now.topLeft() - it.value().topLeft());
    }
    if (moves.empty())
        return;
    const int dragged = int(std::count_if(moves.begin(), moves.end(), [&](const ItemMove &m) {
        return std::any_of(starts.keyBegin(), starts.keyEnd(),
                           [&](const NodeItem *n) { return n->id() == m.id; });
    }));
    m_document->undoStack()->push(new MoveItemsCommand(
        m_document, std::move(moves), QObject::tr("Move %n items", nullptr, std::max(1, dragged))));
}

void DiagramScene::finishConnect(const QPointF &scenePos)
{
    ElementItem *source = m_connectSource;
    delete m_connectLine;
    m_connectLine = nullptr;
    m_connectSource = nullptr;
    auto *target = qgraphicsitem_cast<ElementItem *>(nodeAt(scenePos, true));
    if (!source || !target || source == target)
        return;
    const ThreatModel &model = m_document->model();
    Flow flow;
    flow.id = model.generateId("flow");
    flow.source = source->id().toStdString();
    flow.target = target->id().toStdString();
    ItemSnapshot snapshot;
    snapshot.flows.emplace_back(int(model.flows().size()), flow);
    m_document->undoStack()->push(new AddItemsCommand(m_document, snapshot, QObject::tr("Add flow")));
    selectIds({QString::fromStdString(flow.id)});
}

void DiagramScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    for (QGraphicsItem *item : items(event->scenePos())) {
        if (auto *node = dynamic_cast<NodeItem *>(item)) {
            Q_EMIT renameRequested(node->id());
            return;
        }
        if (auto *flow = qgraphicsitem_cast<FlowItem *>(item)) {
            Q_EMIT renameRequested(flow->id());
            return;
        }
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void DiagramScene::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && m_tool != Tool::Select) {
        setTool(Tool::Select);
        return;
    }
    QPointF step;
    const qreal distance = event->modifiers() & Qt::AltModifier ? 1 : gridSize;
    switch (event->key()) {
    case Qt::Key_Left: step = QPointF(-distance, 0); break;
    case Qt::Key_Right: step = QPointF(distance, 0); break;
    case Qt::Key_Up: step = QPointF(0, -distance); break;
    case Qt::Key_Down: step = QPointF(0, distance); break;
    default:
        QGraphicsScene::keyPressEvent(event);
        return;
    }
    // Nudging moves the selection; repeated nudges of the same items merge into one step.
    std::vector<ItemMove> moves;
    const ThreatModel &model = m_document->model();
    QSet<NodeItem *> selected;
    for (QGraphicsItem *item : selectedItems()) {
        if (auto *node = dynamic_cast<NodeItem *>(item))
            selected.insert(node);
    }
    std::function<void(NodeItem *)> add = [&](NodeItem *node) {
        const QRectF now = node->sceneShapeRect();
        const std::string key = node->id().toStdString();
        const Element *e = model.findElement(key);
        const Boundary *b = model.findBoundary(key);
        const QString container = e ? qs(e->boundary) : b ? qs(b->parent) : QString();
        moves.push_back({node->id(), toRect(now), toRect(now.translated(step)), container, container});
        for (QGraphicsItem *child : node->childItems()) {
            if (auto *inner = dynamic_cast<NodeItem *>(child))
                add(inner);
        }
    };
    for (NodeItem *node : selected) {
        bool carried = false;
        for (QGraphicsItem *p = node->parentItem(); p; p = p->parentItem())
            carried = carried || selected.contains(dynamic_cast<NodeItem *>(p));
        if (!carried)
            add(node);
    }
    std::sort(moves.begin(), moves.end(), [](const ItemMove &a, const ItemMove &b) { return a.id < b.id; });
    if (!moves.empty())
        m_document->undoStack()->push(
            new MoveItemsCommand(m_document, std::move(moves), QObject::tr("Nudge"), true));
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
    addKindAt(kind, event->scenePos());
    event->acceptProposedAction();
}

// ---- clipboard -------------------------------------------------------------------------

void DiagramScene::copySelection() const
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    const QSet<QString> chosen(ids.begin(), ids.end());
    const ThreatModel &model = m_document->model();
    ThreatModel copy;
    for (const Boundary &b : model.boundaries()) {
        if (chosen.contains(qs(b.id)))
            copy.addBoundary(b);
    }
    for (const Element &e : model.elements()) {
        if (chosen.contains(qs(e.id)))
            copy.addElement(e);
    }
    for (const Flow &f : model.flows()) {
        // A flow travels with both of its ends, or when chosen on its own.
        if (chosen.contains(qs(f.id)) || (chosen.contains(qs(f.source)) && chosen.contains(qs(f.target))))
            copy.addFlow(f);
    }
    auto *mime = new QMimeData;
    const QByteArray text = QByteArray::fromStdString(writeModelText(copy));
    mime->setData(itemsMimeType(), text);
    mime->setText(QString::fromUtf8(text));
    QApplication::clipboard()->setMimeData(mime);
}

void DiagramScene::cutSelection()
{
    copySelection();
    deleteSelection();
}

void DiagramScene::paste()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime || !mime->hasFormat(itemsMimeType()))
        return;
    const QByteArray text = mime->data(itemsMimeType());
    auto loaded = readModelText(std::string_view(text.constData(), std::size_t(text.size())), "clipboard");
    if (!loaded)
        return;
    const ThreatModel &model = m_document->model();
    // Fresh ids for everything pasted; references among pasted items follow the new ids.
    std::map<std::string, std::string> renamed;
    ThreatModel scratch = model; // generateId must see both the model and ids handed out so far
    auto fresh = [&](const std::string &oldId, const std::string &kind) {
        const std::string id = scratch.generateId(kind.empty() ? std::string("item") : kind);
        renamed[oldId] = id;
        Element placeholder;
        placeholder.id = id;
        scratch.addElement(placeholder);
        return id;
    };
    const ThreatModel &clip = loaded->model;
    for (const Boundary &b : clip.boundaries())
        fresh(b.id, b.kind);
    for (const Element &e : clip.elements())
        fresh(e.id, e.kind);
    auto remap = [&](const std::string &id) {
        const auto it = renamed.find(id);
        if (it != renamed.end())
            return it->second;
        return model.findBoundary(id) ? id : std::string(); // outside boundary still there?
    };
    const double offset = 2 * gridSize;
    ItemSnapshot snapshot;
    int boundaryPosition = int(model.boundaries().size());
    for (Boundary b : clip.boundaries()) {
        b.id = renamed[b.id];
        b.parent = remap(b.parent);
        b.geometry.x += offset;
        b.geometry.y += offset;
        snapshot.boundaries.emplace_back(boundaryPosition++, b);
    }
    int elementPosition = int(model.elements().size());
    for (Element e : clip.elements()) {
        e.id = renamed[e.id];
        e.boundary = remap(e.boundary);
        e.geometry.x += offset;
        e.geometry.y += offset;
        snapshot.elements.emplace_back(elementPosition++, e);
    }
    int flowPosition = int(model.flows().size());
    for (Flow f : clip.flows()) {
        const auto source = renamed.find(f.source);
        const auto target = renamed.find(f.target);
        // A flow pasted alone keeps its ends when they still exist.
        f.source = source != renamed.end() ? source->second : f.source;
        f.target = target != renamed.end() ? target->second : f.target;
        if (!model.findElement(f.source) && source == renamed.end())
            continue;
        if (!model.findElement(f.target) && target == renamed.end())
            continue;
        f.id = scratch.generateId("flow");
        Element placeholder;
        placeholder.id = f.id;
        scratch.addElement(placeholder);
        snapshot.flows.emplace_back(flowPosition++, f);
    }
    if (snapshot.empty())
        return;
    const int count = int(snapshot.boundaries.size() + snapshot.elements.size() + snapshot.flows.size());
    const QStringList ids = snapshot.ids();
    m_document->undoStack()->push(
        new AddItemsCommand(m_document, std::move(snapshot), QObject::tr("Paste %n items", nullptr, count)));
    selectIds(ids);
}

void DiagramScene::duplicateSelection()
{
    // Through the clipboard's format, but without touching the user's clipboard.
    QClipboard *clipboard = QApplication::clipboard();
    const QMimeData *previous = clipboard->mimeData();
    auto *saved = new QMimeData;
    if (previous) {
        for (const QString &format : previous->formats())
            saved->setData(format, previous->data(format));
    }
    copySelection();
    paste();
    clipboard->setMimeData(saved);
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
