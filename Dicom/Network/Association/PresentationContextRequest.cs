namespace CloudFilm.Dicom.Network.Association;

/// <summary>
/// A presentation context a requestor wants (PS3.8 7.1.1.13): abstract syntax, transfer syntaxes in order of
/// preference and, for C-GET, whether to offer taking the SCP role for it (PS3.7 D.3.3.4).
/// </summary>
public sealed record PresentationContextRequest(string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes, bool OfferScpRole = false);
