// The same app on bare openapi-fetch: the headers our client adds are set by hand.
import createClient from "openapi-fetch";

/** @type {import("openapi-fetch").Client<import("@yeastar-openapi/client").YcmPaths>} */
const ycm = createClient({ baseUrl: "https://ycm.yeastar.com" });
const { data } = await ycm.GET("/dm/open_api/v1/users/{userId}", {
  params: { path: { userId: 13123 } },
  headers: { Authorization: "Bearer token", "User-Agent": "yeastar-openapi-client" },
});
console.log(data.data.email);
