#pragma once

#include "core/geometry.h"

#include <QString>
#include <QUndoCommand>

#include <vector>

namespace bulkhead {

class Document;

/** A new place (and possibly a new enclosing boundary) for one element or boundary. */
struct ItemMove
{
    QString id;
    Rect from;
    Rect to;
    QString oldContainer;
    QString newContainer;
};

/**
 * Moves or resizes elements and boundaries, with any change of the boundary they sit in, as
 * one step: a whole drag, or a boundary with everything inside it. Consecutive keyboard
 * nudges of the same items merge.
 */
class MoveItemsCommand : public QUndoCommand
{
public:
    MoveItemsCommand(Document *document, std::vector<ItemMove> moves, const QString &text,
                     bool mergeable = false, QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    Document *m_document;
    std::vector<ItemMove> m_moves;
    bool m_mergeable;
};

} // namespace bulkhead
