// SECRET_HASH = Base64(HMAC-SHA256(key = client secret, message = username + client ID)). Every call
// from an app client that has a secret must carry it; amazon-cognito-identity-js and Amplify cannot.
import { base64Encode } from "./crypto/base64";
import { hmacSha256 } from "./crypto/hmac";
import { utf8Encode } from "./crypto/utf8";

export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return base64Encode(hmacSha256(utf8Encode(clientSecret), utf8Encode(username + clientId)));
}
