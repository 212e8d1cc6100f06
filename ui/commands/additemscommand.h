#pragma once

#include "itemsnapshot.h"

#include <QUndoCommand>

namespace bulkhead {

class Document;

/** Adds elements, boundaries and flows (placing, drawing, pasting, duplicating). */
class AddItemsCommand : public QUndoCommand
{
public:
    AddItemsCommand(Document *document, ItemSnapshot items, const QString &text,
                    QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Document *m_document;
    ItemSnapshot m_items;
};

} // namespace bulkhead
