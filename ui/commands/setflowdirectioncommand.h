#pragma once

#include <QString>
#include <QUndoCommand>

namespace bulkhead {

class Document;

/** Makes a flow one-way or two-way. */
class SetFlowDirectionCommand : public QUndoCommand
{
public:
    SetFlowDirectionCommand(Document *document, const QString &id, bool bidirectional,
                            QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Document *m_document;
    QString m_id;
    bool m_bidirectional;
};

} // namespace bulkhead
