#pragma once

#include "core/threatmodel.h"

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;

namespace bulkhead {

class Document;

/**
 * Model → Properties: the title, description, owner, reviewers and version that every report
 * shows. OK applies all of them as one undoable step ("Edit model properties"), since the
 * user filled in one form; OK without a change adds no step.
 */
class ModelPropertiesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ModelPropertiesDialog(Document *document, QWidget *parent = nullptr);

    /** What the form holds now: reviewers one per non-empty line, surrounding spaces trimmed. */
    ModelMetadata metadata() const;

    /** Opens the dialog for the document, modal to `parent`. */
    static void edit(Document *document, QWidget *parent);

    void accept() override;

private:
    Document *m_document;
    QLineEdit *m_title;
    QPlainTextEdit *m_description;
    QLineEdit *m_owner;
    QPlainTextEdit *m_reviewers;
    QLineEdit *m_version;
};

} // namespace bulkhead
