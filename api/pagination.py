from rest_framework.pagination import PageNumberPagination

from api.filters import MAX_PAGE_SIZE


class ApiPagination(PageNumberPagination):
    page_size = 24
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
