"""Meeting prep as a document: the download id (``links``), the sections shared by the chat
answer and the document (``compose``), the .docx itself (``docx``) and the service that builds
it for one RM (``service``)."""
