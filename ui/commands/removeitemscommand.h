#pragma once

#include "core/networkmembership.h"
#include "itemsnapshot.h"

#include <QUndoCommand>

namespace bulkhead {

class Document;

/**
 * Deletes elements, boundaries and flows in one step. Flows attached to a deleted element go
 * with it; what sat inside a deleted boundary stays and moves up to the nearest surviving
 * enclosing boundary, and elements that list a deleted boundary in their `networks` drop its id.
 */
class RemoveItemsCommand : public QUndoCommand
{
public:
    RemoveItemsCommand(Document *document, const QStringList &ids, QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

    bool isEmpty() const { return m_items.empty(); }

private:
    struct Rehoming
    {
        QString id;
        QString from;
        QString to;
    };

    Document *m_document;
    ItemSnapshot m_items;
    std::vector<Rehoming> m_rehomed;
    std::vector<NetworksChange> m_networks;
};

} // namespace bulkhead
