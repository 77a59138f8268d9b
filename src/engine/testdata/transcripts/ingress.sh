# Issue 5: Ingress with the ingress-nginx controller: host and path routing, the default
# backend's 404, the ADDRESS the controller publishes.
kubeplay addon enable ingress
kubectl wait --namespace ingress-nginx --for=condition=ready pod --selector=app.kubernetes.io/component=controller --timeout=120s
kubectl get pods,svc -n ingress-nginx
kubectl get ingressclass
kubectl create deployment web --image=nginxdemos/hello:plain-text --replicas=2
kubectl expose deployment web --port=80
kubectl create deployment api --image=hashicorp/http-echo -- /http-echo -text=api
kubectl expose deployment api --port=80 --target-port=5678
kubectl rollout status deployment/web
kubectl rollout status deployment/api
kubectl apply -f - <<EOT
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 80
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
EOT
kubectl get ingress
sleep 60
kubectl get ingress
curl -s -H 'Host: shop.example.com' http://172.18.255.200/api
curl -s -H 'Host: shop.example.com' http://172.18.255.200/api/v1/items
curl -s -H 'Host: shop.example.com' http://172.18.255.200/apis | head -2
curl -s -H 'Host: shop.example.com' http://172.18.255.200/ | head -2
curl -s -H 'Host: shop.example.com' http://172.18.255.200/ | head -2
curl -si http://172.18.255.200/
kubectl run client --rm -it --restart=Never --image=busybox:1.36 -- wget -qO- --header 'Host: shop.example.com' http://ingress-nginx-controller.ingress-nginx/api
kubectl logs -n ingress-nginx deployment/ingress-nginx-controller --tail=3
kubectl describe ingress shop
