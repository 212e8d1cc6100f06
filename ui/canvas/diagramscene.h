#pragma once

#include <QGraphicsScene>
#include <QHash>
#include <QMultiHash>
#include <QPointer>

namespace bulkhead {

class AnalysisController;
class BoundaryItem;
class Document;
class ElementItem;
class FlowItem;
class NodeItem;
struct ItemMove;

/**
 * The canvas: mirrors the document's diagram as items (never owning model data) and turns
 * mouse work into undoable commands. Tools: select and move (with rubber band and resize),
 * place a kind (click, or drag out a boundary), and draw flows (drag from element to element).
 */
class DiagramScene : public QGraphicsScene
{
    Q_OBJECT

public:
    enum class Tool { Select, Place, Connect };

    /** MIME type of a kind dragged from the palette; the data is the kind id. */
    static QString kindMimeType();
    /** MIME type of copied items: a model file holding just them. */
    static QString itemsMimeType();

    explicit DiagramScene(Document *document, QObject *parent = nullptr);
    ~DiagramScene() override;

    Document *document() const { return m_document; }
    /** Shows each item's open threats as a badge, following the analysis. */
    void setAnalysis(AnalysisController *analysis);

    Tool tool() const { return m_tool; }
    QString placingKind() const { return m_placingKind; }
    /** Place mode for a kind: the next click (or drag, for boundaries) adds one. */
    void startPlacing(const QString &kind);
    void setTool(Tool tool);

    bool showGrid() const { return m_showGrid; }
    void setShowGrid(bool show);
    bool snapToGrid() const { return m_snapToGrid; }
    void setSnapToGrid(bool snap);
    static constexpr int gridSize = 20;

    /** A drag or resize is in progress: items may draw faster and plainer. */
    bool isInteracting() const { return m_dragging || m_resizing; }

    QStringList selectedIds() const;
    void selectIds(const QStringList &ids);
    ElementItem *elementItem(const QString &id) const { return m_elements.value(id); }
    BoundaryItem *boundaryItem(const QString &id) const { return m_boundaries.value(id); }
    FlowItem *flowItem(const QString &id) const { return m_flows.value(id); }
    /** The scene rectangle of all items, for fit-to-window and exports. */
    QRectF diagramBounds() const;

    // Editing, each one undoable step.
    void deleteSelection();
    void copySelection() const;
    void cutSelection();
    void paste();
    void duplicateSelection();
    /** Adds an item of `kind` centred on `scenePos` (used by drops, clicks and tests). */
    QString addKindAt(const QString &kind, const QPointF &scenePos, const QSizeF &size = QSizeF());

    // Called by NodeItem.
    QPointF snappedPosition(const NodeItem *item, const QPointF &position) const;
    void nodeMoved(NodeItem *item);

Q_SIGNALS:
    void toolChanged(bulkhead::DiagramScene::Tool tool);
    void selectedIdsChanged(const QStringList &ids);
    void renameRequested(const QString &id);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    void rebuild();
    void onItemAdded(const QString &id, int type);
    void onItemRemoved(const QString &id, int type);
    void onItemChanged(const QString &id, int type);
    void syncElement(const QString &id);
    void syncBoundary(const QString &id);
    void syncFlow(const QString &id);
    void placeNode(NodeItem *item, const QRectF &absolute, const QString &containerId);
    void updateFlowsOf(const QString &elementId);
    void updateFlowsWithin(NodeItem *item);
    void updateFlow(FlowItem *flow);

    NodeItem *nodeAt(const QPointF &scenePos, bool elementsOnly) const;
    /** The innermost boundary whose area holds `point`, skipping `excluded` and its contents. */
    QString containerAt(const QPointF &point, const NodeItem *excluded) const;
    void commitDrag();
    void commitResize();
    void finishConnect(const QPointF &scenePos);
    QStringList adoptedBy(const QString &boundaryId, const QRectF &area, const QString &container) const;

    void updateBadges();

    Document *m_document;
    AnalysisController *m_analysis = nullptr;
    QHash<QString, ElementItem *> m_elements;
    QHash<QString, BoundaryItem *> m_boundaries;
    QHash<QString, FlowItem *> m_flows;
    QMultiHash<QString, FlowItem *> m_flowsByElement;

    Tool m_tool = Tool::Select;
    QString m_placingKind;
    bool m_showGrid = true;
    bool m_snapToGrid = true;
    bool m_syncing = false;

    // The interaction in progress.
    QHash<NodeItem *, QRectF> m_dragStart;
    bool m_dragging = false;
    BoundaryItem *m_resizing = nullptr;
    QRectF m_resizeStart;
    QPointF m_pressPos;
    QGraphicsRectItem *m_rubberBoundary = nullptr;
    ElementItem *m_connectSource = nullptr;
    QGraphicsLineItem *m_connectLine = nullptr;
};

} // namespace bulkhead
