import document from "document";
const label = document.getElementById("title") as TextElement;
label.text = "Cognito";
