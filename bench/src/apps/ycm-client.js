// The smallest real app on our client: create it, make one call. Bundled by src/size.mjs.
import { createYcmClient } from "@yeastar-openapi/client";

const ycm = createYcmClient({ accessToken: "token" });
const { data } = await ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: 13123 } } });
console.log(data.data.email);
