#pragma once

#include <QString>
#include <QUndoCommand>

namespace bulkhead {

class Document;

/** Renames an element, boundary or flow. */
class RenameItemCommand : public QUndoCommand
{
public:
    RenameItemCommand(Document *document, const QString &id, const QString &name,
                      QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Document *m_document;
    QString m_id;
    QString m_oldName;
    QString m_newName;
};

} // namespace bulkhead
